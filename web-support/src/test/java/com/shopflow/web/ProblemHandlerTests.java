package com.shopflow.web;

import static com.shopflow.testkit.ProblemAssertions.assertBadField;
import static com.shopflow.testkit.ProblemAssertions.assertProblem;
import static com.shopflow.testkit.ProblemAssertions.assertProblemNaming;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Stream;

import com.shopflow.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every client mistake over real HTTP is a problem+json 4xx naming the input, in the one shape all services share. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mvc.problemdetails.enabled=true",
        "shopflow.web.max-request-body=1KB"
})
class ProblemHandlerTests {

    private static final String VALID = "{\"name\":\"box\",\"count\":2,\"parts\":[{\"sku\":\"S-1\",\"quantity\":1}]}";

    private final TestHttp http;
    private final ApplicationContext context;

    ProblemHandlerTests(@LocalServerPort int port, @Autowired ApplicationContext context) {
        this.http = new TestHttp(port);
        this.context = context;
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("blank name", VALID.replace("\"box\"", "\"\""), "name"),
                Arguments.of("missing count", VALID.replace("\"count\":2,", ""), "count"),
                Arguments.of("negative count", VALID.replace("\"count\":2", "\"count\":-1"), "count"),
                Arguments.of("count not a number", VALID.replace("\"count\":2", "\"count\":\"two\""), "count"),
                Arguments.of("count out of range", VALID.replace("\"count\":2", "\"count\":99999999999"), "count"),
                Arguments.of("null part", VALID.replaceAll("\"parts\":\\[.*]", "\"parts\":[null]"), "parts[0]"),
                Arguments.of("nested validation", VALID.replace("\"quantity\":1", "\"quantity\":-1"),
                        "parts[0].quantity"),
                Arguments.of("nested wrong type", VALID.replace("\"quantity\":1", "\"quantity\":[]"),
                        "parts[0].quantity"),
                Arguments.of("malformed JSON", "{\"name\": \"box\", ", "body"),
                Arguments.of("not an object", "[1, 2]", "body"),
                Arguments.of("empty body", "", "body"),
                Arguments.of("invalid field thrown by the web layer", VALID.replace("\"box\"", "\"reserved\""), "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIsA400NamingTheField(String name, String body, String field) {
        HttpResponse<String> response = http.post("/things", body);

        JsonNode problem = assertProblemNaming(response, 400, field);
        assertBadField(response, field);
        assertThat(problem.path("detail").asString()).startsWith(field + ": ");
        assertThat(problem.path("instance").asString()).isEqualTo("/things");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathsTomcatRefuses")
    void requestTomcatRefusesBeforeSpringIsA400Problem(String path) {
        HttpResponse<String> response = http.get(path);

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(response.body()).doesNotContain("<html");
    }

    static Stream<String> pathsTomcatRefuses() {
        return Stream.of("/things/a%2Fb", "/things/a%00b", "/things/a%5Cb");
    }

    @Test
    void everyInvalidFieldIsListed() {
        HttpResponse<String> response = http.post("/things", "{\"name\":\"\",\"count\":-1}");

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "count");
        assertThat(problem.path("errors").findValuesAsString("message")).allSatisfy(m -> assertThat(m).isNotBlank());
        assertThat(problem.path("title").asString()).isEqualTo(Problems.INVALID_REQUEST);
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("/things/not-a-uuid", "id", "not-a-uuid"),
                Arguments.of("/things?size=5", "owner", "is required"),
                Arguments.of("/things?owner=" + "x".repeat(11), "owner", "size must be"),
                Arguments.of("/things?owner=ann&size=101", "size", "must be less than or equal to 100"),
                Arguments.of("/things?owner=ann&size=many", "size", "'many' is not a valid int"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badParameters")
    void badPathOrQueryParameterIsA400NamingIt(String path, String field, String detail) {
        HttpResponse<String> response = http.send(http.request(path).header("X-Tenant", "t1").GET());

        JsonNode problem = assertProblemNaming(response, 400, field);
        assertThat(problem.path("detail").asString()).contains(detail);
    }

    @Test
    void missingHeaderIsA400NamingIt() {
        assertProblemNaming(http.get("/things?owner=ann"), 400, "X-Tenant");
    }

    @Test
    void domainExceptionIsMappedByTheServicesOwnAdviceInTheSameShape() {
        UUID id = UUID.randomUUID();

        JsonNode problem = assertProblemNaming(http.get("/things/" + id), 410, "id");

        assertThat(problem.path("title").asString()).isEqualTo("Thing gone");
        assertThat(problem.path("detail").asString()).isEqualTo("id: thing " + id + " is gone");
        assertThat(problem.path("instance").asString()).isEqualTo("/things/" + id);
    }

    @Test
    void errorsOutsideAnyControllerAreProblemsToo() {
        assertProblem(http.get("/things/raw-error"), 400);
    }

    @Test
    void unknownPathWrongMethodAndWrongMediaTypeAreProblems() {
        assertProblem(http.get("/nothing-here"), 404);
        assertProblem(http.send(http.request("/things").DELETE()), 405);
        HttpResponse<String> wrongType = http.send(http.request("/things").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(VALID)));
        assertProblemNaming(wrongType, 415, "Content-Type");
        assertThat(wrongType.headers().firstValue("Accept")).hasValueSatisfying(
                accept -> assertThat(accept).contains("application/json"));
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413WhetherDeclaredOrChunked() {
        String large = VALID.replace("box", "x".repeat(2048));

        assertProblemNaming(http.post("/things", large), 413, "body");
        HttpResponse<String> chunked = http.send(http.request("/things").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large.getBytes()))));
        assertProblemNaming(chunked, 413, "body");
        assertThat(http.post("/things", VALID).statusCode()).isEqualTo(200);
    }

    @Test
    void replacesBootsOwnProblemDetailsHandler() {
        assertThat(context.getBeansOfType(ResponseEntityExceptionHandler.class).values())
                .singleElement().isInstanceOf(ProblemHandler.class);
    }
}
