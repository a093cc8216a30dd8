package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryTest {
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void readsDurationsFromNow() {
        assertThat(Expiry.parse("30d", NOW)).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(Expiry.parse("12h", NOW)).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(Expiry.parse("90m", NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
        assertThat(Expiry.parse("2w", NOW)).isEqualTo(NOW.plus(Duration.ofDays(14)));
    }

    @Test
    void readsDatesAsUtcMidnightAndInstantsAsThey() {
        assertThat(Expiry.parse("2027-01-31", NOW)).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
        assertThat(Expiry.parse("2027-01-31T12:30:00Z", NOW)).isEqualTo(Instant.parse("2027-01-31T12:30:00Z"));
    }

    @Test
    void refusesAnythingElseSayingWhatItTakes() {
        assertThatThrownBy(() -> Expiry.parse("soon", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30d")
                .hasMessageContaining("2027-01-31");
        assertThatThrownBy(() -> Expiry.parse("30 days", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Expiry.duration("1y")).isInstanceOf(IllegalArgumentException.class);
    }
}
