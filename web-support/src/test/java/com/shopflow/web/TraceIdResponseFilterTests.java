package com.shopflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.shopflow.testkit.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every answer names the trace it ran in, also an error, and a caller's own trace is continued, not replaced. */
// The same configuration as ProblemHandlerTests, so both share one cached context.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mvc.problemdetails.enabled=true",
        "shopflow.web.max-request-body=1KB"
})
class TraceIdResponseFilterTests {

    private final TestHttp http;

    TraceIdResponseFilterTests(@LocalServerPort int port) {
        this.http = new TestHttp(port);
    }

    @Test
    void answersWithTheTraceIdOfTheRequest() {
        HttpResponse<String> first = http.get("/things/" + UUID.randomUUID());
        HttpResponse<String> second = http.get("/things/" + UUID.randomUUID());

        String traceId = first.headers().firstValue(TraceIdResponseFilter.HEADER).orElseThrow();
        assertThat(first.statusCode()).as("the test app's gone thing").isEqualTo(410);
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(second.headers().firstValue(TraceIdResponseFilter.HEADER)).get()
                .as("a new trace per request").isNotEqualTo(traceId);
    }

    @Test
    void continuesTheCallersTrace() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> response = http.send(http.request("/things/" + UUID.randomUUID())
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").GET());

        assertThat(response.headers().firstValue(TraceIdResponseFilter.HEADER)).contains(traceId);
    }

    @Test
    void refusedBodiesCarryTheTraceIdToo() {
        HttpResponse<String> response = http.post("/things", "{\"name\":\"" + "x".repeat(2048) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue(TraceIdResponseFilter.HEADER)).get().asString().hasSize(32);
    }
}
