package com.shopflow.web;

import static com.shopflow.testkit.ProblemAssertions.assertProblem;
import static com.shopflow.testkit.ProblemAssertions.assertProblemNaming;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Stream;

import com.shopflow.testkit.TestHttp;
import com.shopflow.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The shared resource-server setup: which tokens pass, what a refusal looks like, who may do what. */
// The same configuration as ProblemHandlerTests, so all share one cached context.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mvc.problemdetails.enabled=true",
        "shopflow.web.max-request-body=1KB"
})
class ApiSecurityTests {

    private final TestHttp http;

    ApiSecurityTests(@LocalServerPort int port) {
        this.http = new TestHttp(port);
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("not a JWT", "not-a-jwt"),
                Arguments.of("signed with an untrusted key", TestTokens.badlySigned()),
                Arguments.of("expired", TestTokens.expired("ann")),
                Arguments.of("not yet valid", TestTokens.notYetValid("ann")),
                Arguments.of("for another audience", TestTokens.wrongAudience("ann")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusesABadTokenWithAProblemThatLeaksNothing(String name, String token) {
        HttpResponse<String> response = http.as(token).get("/things/owned-by/ann");

        JsonNode problem = assertProblem(response, 401);
        assertThat(problem.path("instance").asString()).isEqualTo("/things/owned-by/ann");
        assertThat(problem.path("detail").asString()).doesNotContainIgnoringCase("expired")
                .doesNotContainIgnoringCase("audience").doesNotContainIgnoringCase("signature");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).startsWith("Bearer").doesNotContain("error_description"));
    }

    @Test
    void theCallerIsTheTokensSubject() {
        HttpResponse<String> response = http.asCustomer("ann").get("/things/owned-by/ann");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(response).path("customerId").asString()).isEqualTo("ann");
        assertThat(TestHttp.json(response).path("admin").asBoolean()).isFalse();
    }

    @Test
    void aCustomerActingForAnotherIsA403NamingTheField() {
        assertProblemNaming(http.asCustomer("bob").get("/things/owned-by/ann"), 403, "customerId");
    }

    @Test
    void anAdminMayActForAnyone() {
        HttpResponse<String> response = http.get("/things/owned-by/ann");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(response).path("admin").asBoolean()).isTrue();
    }

    @Test
    void adminPathsAndAdminOnlyBeansNeedTheAdminScope() {
        String discontinue = "/things/" + UUID.randomUUID() + "/discontinue";

        assertProblem(http.asCustomer("ann").get("/admin/ping"), 403);
        assertProblem(http.asCustomer("ann").get("/dead-letters/orders"), 403);
        assertProblem(http.asCustomer("ann").post(discontinue, "{}"), 403);
        assertProblem(http.anonymous().get("/admin/ping"), 401);
        assertThat(http.get("/admin/ping").body()).isEqualTo("pong");
        assertThat(http.post(discontinue, "{}").body()).isEqualTo("discontinued");
    }

    @Test
    void apiDocsArePublicNameTheBearerSchemeAndNeverAskForTheCaller() {
        HttpResponse<String> docs = http.anonymous().get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = TestHttp.json(docs);
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(api.at("/paths/~1things~1owned-by~1{customerId}/get/parameters").findValuesAsString("name"))
                .containsExactly("customerId");
    }
}
