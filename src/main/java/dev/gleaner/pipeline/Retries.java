package dev.gleaner.pipeline;

import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a transient failure becomes: another attempt after an exponential backoff (at least the server's
 * {@code Retry-After}), or, once the URL has had {@code maxAttempts}, a failure for good.
 */
final class Retries {
    private final WorkerSettings settings;
    private final Clock clock;

    Retries(WorkerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    PageResult retryOrFail(
            Lease lease, PageOutcome outcome, String reason, @Nullable Integer status, @Nullable Duration retryAfter) {
        if (lease.attempt() >= settings.maxAttempts()) {
            String sentence = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
            return new PageResult.Failed(outcome, sentence + " (after " + lease.attempt() + " attempts).", status);
        }
        Duration backoff = settings.retryBackoff().multipliedBy(1L << Math.min(10, lease.attempt() - 1));
        if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
            backoff = retryAfter.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : retryAfter;
        }
        return new PageResult.Retry(reason, status, clock.instant().plus(backoff));
    }
}
