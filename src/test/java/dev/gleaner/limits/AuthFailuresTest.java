package dev.gleaner.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthFailuresTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));

    @Test
    void anAddressIsBlockedOnceItFailedTheAllowedTimesUntilTheWindowEnds() {
        AuthFailures failures = new AuthFailures(3, Duration.ofMinutes(1), clock);

        failures.failed("10.0.0.1");
        clock.advance(Duration.ofSeconds(10));
        failures.failed("10.0.0.1");
        assertThat(failures.blocked("10.0.0.1")).isEmpty();
        failures.failed("10.0.0.1");

        assertThat(failures.blocked("10.0.0.1")).contains(Duration.ofSeconds(50));
        assertThat(failures.blocked("10.0.0.2")).isEmpty();

        clock.advance(Duration.ofSeconds(49));
        assertThat(failures.blocked("10.0.0.1")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(failures.blocked("10.0.0.1")).isEmpty();
    }

    @Test
    void aNewWindowStartsCountingAfresh() {
        AuthFailures failures = new AuthFailures(2, Duration.ofMinutes(1), clock);
        failures.failed("10.0.0.1");
        clock.advance(Duration.ofMinutes(2));

        failures.failed("10.0.0.1");

        assertThat(failures.blocked("10.0.0.1")).isEmpty();
    }

    @Test
    void zeroAllowedSwitchesTheThrottleOff() {
        AuthFailures failures = new AuthFailures(0, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 300; i++) {
            failures.failed("10.0.0.1");
        }

        assertThat(failures.blocked("10.0.0.1")).isEmpty();
    }
}
