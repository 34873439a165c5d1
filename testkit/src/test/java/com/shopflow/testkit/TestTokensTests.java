package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

class TestTokensTests {

    @Test
    void refusedOnPairsEveryRefusedTokenWithEveryEndpoint() {
        Map<String, String> refused = TestTokens.refused();

        List<Object[]> cases = TestTokens.refusedOn("GET /a", "PUT /b").map(Arguments::get).toList();

        assertThat(cases).hasSize(refused.size() * 2);
        assertThat(cases).extracting(arguments -> arguments[0] + ": " + arguments[2]).doesNotHaveDuplicates()
                .contains("no token: GET /a", "no token: PUT /b", "wrong audience: GET /a", "expired: PUT /b");
        assertThat(cases).allSatisfy(arguments -> {
            assertThat(refused).containsKey((String) arguments[0]);
            assertThat(arguments[1] == null).isEqualTo(arguments[0].equals("no token"));
        });
        assertThat(cases).filteredOn(arguments -> arguments[0].equals("not a JWT"))
                .extracting(arguments -> arguments[1]).containsOnly("not-a-jwt");
    }
}
