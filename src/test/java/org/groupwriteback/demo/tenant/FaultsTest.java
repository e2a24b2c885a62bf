package org.groupwriteback.demo.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private final ObjectMapper json = new ObjectMapper();
    private final Faults faults = new Faults(new Replies(json));

    @Test
    void throttlingFiresTheGivenNumberOfTimesOnMatchingPathsOnly() throws Exception {
        faults.throttleNext("/v1.0/users", 2, 7);
        assertThat(faults.intercept("/v1.0/groups")).isEqualTo(Faults.Outcome.SERVE);
        for (int i = 0; i < 2; i++) {
            Faults.Outcome outcome = faults.intercept("/v1.0/users/delta");
            assertThat(outcome.drop()).isFalse();
            assertThat(outcome.reply().status()).isEqualTo(429);
            assertThat(outcome.reply().headers()).containsEntry("Retry-After", "7");
            assertThat(json.readTree(outcome.reply().body()).path("error").path("code").asText())
                    .isEqualTo("TooManyRequests");
        }
        assertThat(faults.intercept("/v1.0/users/delta")).isEqualTo(Faults.Outcome.SERVE);
    }

    @Test
    void failNextSendsAGraphErrorWithoutRetryAfterAndUnavailableSendsOne() throws Exception {
        faults.failNext("/beta", 1, 502);
        Faults.Outcome failed = faults.intercept("/beta/groups");
        assertThat(failed.reply().status()).isEqualTo(502);
        assertThat(failed.reply().headers()).doesNotContainKey("Retry-After");
        assertThat(json.readTree(failed.reply().body()).path("error").path("code").asText())
                .isEqualTo("generalException");
        faults.unavailableNext("/beta", 1, 3);
        Faults.Outcome unavailable = faults.intercept("/beta/groups");
        assertThat(unavailable.reply().status()).isEqualTo(503);
        assertThat(unavailable.reply().headers()).containsEntry("Retry-After", "3");
    }

    @Test
    void oneTerminalRulePerRequestInTheOrderAdded() {
        faults.dropNext("/v1.0", 1);
        faults.malformedNext("/v1.0", 1);
        assertThat(faults.intercept("/v1.0/groups").drop()).isTrue();
        Faults.Outcome malformed = faults.intercept("/v1.0/groups");
        assertThat(malformed.drop()).isFalse();
        assertThat(malformed.reply().status()).isEqualTo(200);
        assertThat(new String(malformed.reply().body(), StandardCharsets.UTF_8)).doesNotEndWith("}");
        assertThat(faults.intercept("/v1.0/groups")).isEqualTo(Faults.Outcome.SERVE);
    }

    @Test
    void aRuleWithAQuestionMarkMatchesFollowUpPagesOnly() {
        faults.dropNext("/groups/delta?$skiptoken", 1);
        assertThat(faults.intercept("/v1.0/groups/delta", "$select=id&$top=100")).isEqualTo(Faults.Outcome.SERVE);
        assertThat(faults.intercept("/v1.0/groups/delta")).isEqualTo(Faults.Outcome.SERVE);
        assertThat(faults.intercept("/v1.0/groups/delta", "$skiptoken=abc.100").drop()).isTrue();
        assertThat(faults.intercept("/v1.0/groups/delta", "$skiptoken=abc.100")).isEqualTo(Faults.Outcome.SERVE);
    }

    @Test
    void latencyDelaysEveryMatchingRequestUntilCleared() {
        faults.latency("/v1.0/organization", Duration.ofMillis(150));
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            assertThat(faults.intercept("/v1.0/organization")).isEqualTo(Faults.Outcome.SERVE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
        }
        faults.clear();
        long start = System.nanoTime();
        faults.intercept("/v1.0/organization");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(140));
    }
}
