package dev.gleaner.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestRateTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));

    @Test
    void aKeyMayMakeItsBurstAtOnceThenIsRefusedUntilATokenIsBack() {
        RequestRate rate = new RequestRate(2, 4, clock);

        for (int i = 0; i < 4; i++) {
            RateDecision decision = rate.take("key_a").orElseThrow();
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.limit()).isEqualTo(4);
            assertThat(decision.remaining()).isEqualTo(3 - i);
        }
        RateDecision refused = rate.take("key_a").orElseThrow();

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(refused.reset()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void tokensComeBackAtTheRateUpToTheBurst() {
        RequestRate rate = new RequestRate(2, 4, clock);
        for (int i = 0; i < 5; i++) {
            rate.take("key_a");
        }

        clock.advance(Duration.ofMillis(500));
        assertThat(rate.take("key_a").orElseThrow().allowed()).isTrue();
        assertThat(rate.take("key_a").orElseThrow().allowed()).isFalse();

        clock.advance(Duration.ofHours(1));
        RateDecision full = rate.take("key_a").orElseThrow();
        assertThat(full.allowed()).isTrue();
        assertThat(full.remaining()).isEqualTo(3);
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        RequestRate rate = new RequestRate(1, 1, clock);

        assertThat(rate.take("key_a").orElseThrow().allowed()).isTrue();
        assertThat(rate.take("key_a").orElseThrow().allowed()).isFalse();
        assertThat(rate.take("key_b").orElseThrow().allowed()).isTrue();
    }

    @Test
    void aBurstOfZeroSwitchesTheLimitOff() {
        RequestRate rate = new RequestRate(0, 0, clock);

        for (int i = 0; i < 1000; i++) {
            assertThat(rate.take("key_a")).isEmpty();
        }
    }
}
