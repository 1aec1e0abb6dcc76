package dev.dbtest.junit.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcWarmUpTests {

    @Test
    void theDriverGoesThroughTheWholeScramExchangeWithTheStandIn() throws Exception {
        // When the driver changes how it speaks SCRAM, the warm-up stops warming: this says so.
        assertThat(JdbcWarmUp.scramHandshake()).as("the stand-in received the client's proof").isTrue();
    }
}
