package dev.gleaner.sources;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The wait of a polling loop whose rounds keep failing (its database unreachable, say): after the first failure it
 * tries again in {@code first}, after each further failure in twice the last wait, at most {@code max}; a successful
 * round ends the streak and the loop polls at its own pace again. Not thread-safe: one loop owns it.
 */
final class PollBackoff {
    private final Duration first;
    private final Duration max;
    private int failures;
    private Duration wait = Duration.ZERO;
    private @Nullable Instant streakStart;
    private @Nullable Instant retryAt;

    PollBackoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
    }

    /** Whether a round may run at {@code now}: no failure streak, or its wait has passed. */
    boolean due(Instant now) {
        return retryAt == null || !now.isBefore(retryAt);
    }

    /** A round failed at {@code now}: the streak so far, with the wait until the next round. */
    Streak failed(Instant now) {
        failures++;
        if (streakStart == null) {
            streakStart = now;
        }
        wait = failures == 1 ? first : min(wait.multipliedBy(2), max);
        retryAt = now.plus(wait);
        return new Streak(failures, wait, Duration.between(streakStart, now));
    }

    /** A round succeeded at {@code now}: the streak it ended, or null when there was none. */
    @Nullable
    Streak succeeded(Instant now) {
        Streak ended =
                streakStart == null ? null : new Streak(failures, Duration.ZERO, Duration.between(streakStart, now));
        failures = 0;
        wait = Duration.ZERO;
        streakStart = null;
        retryAt = null;
        return ended;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * A run of failed rounds: {@code failures} in a row over {@code lasted} (first failure to the latest event), the
     * next round in {@code wait} (zero once it ended).
     */
    record Streak(int failures, Duration nextIn, Duration lasted) {
        /** Whether this is the streak's first failure (the one worth a warning). */
        boolean started() {
            return failures == 1;
        }
    }
}
