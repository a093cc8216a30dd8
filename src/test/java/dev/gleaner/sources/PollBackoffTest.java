package dev.gleaner.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The wait of a polling loop whose rounds fail: doubling from the first wait up to the cap, gone after a success. */
class PollBackoffTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(60);

    private final PollBackoff backoff = new PollBackoff(FIRST, MAX);

    @Test
    void withoutFailuresEveryRoundIsDue() {
        assertThat(backoff.due(T0)).isTrue();
        assertThat(backoff.succeeded(T0)).isNull();
        assertThat(backoff.due(T0)).isTrue();
    }

    @Test
    void theWaitDoublesFromTheFirstUpToTheCapAndNoRoundIsDueBeforeItEnds() {
        Instant now = T0;
        List<Long> waits = new ArrayList<>();
        for (int failure = 1; failure <= 9; failure++) {
            assertThat(backoff.due(now)).as("due at failure %d", failure).isTrue();
            PollBackoff.Streak streak = backoff.failed(now);
            assertThat(streak.failures()).isEqualTo(failure);
            assertThat(streak.started()).isEqualTo(failure == 1);
            assertThat(backoff.due(now.plus(streak.nextIn()).minusMillis(1))).isFalse();
            waits.add(streak.nextIn().toSeconds());
            now = now.plus(streak.nextIn());
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void aSuccessEndsTheStreakReportingItAndTheNextFailureWaitsTheFirstWaitAgain() {
        backoff.failed(T0);
        backoff.failed(T0.plusSeconds(1));
        backoff.failed(T0.plusSeconds(3));

        PollBackoff.Streak ended = Objects.requireNonNull(backoff.succeeded(T0.plusSeconds(7)));

        assertThat(ended.failures()).isEqualTo(3);
        assertThat(ended.lasted()).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.due(T0.plusSeconds(7))).isTrue();
        assertThat(backoff.succeeded(T0.plusSeconds(8))).as("no streak to end").isNull();
        PollBackoff.Streak next = backoff.failed(T0.plusSeconds(8));
        assertThat(next.started()).isTrue();
        assertThat(next.nextIn()).isEqualTo(FIRST);
    }
}
