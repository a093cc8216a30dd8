package dev.gleaner.webhooks;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How webhook events are delivered. An event is tried at most {@code maxAttempts} times; the wait before attempt
 * {@code n + 1} is {@code baseDelay · 2^(n-1)}, at most {@code maxDelay}, with up to half of it taken off at random
 * (jitter, so that receivers coming back are not hit by every sender at once). One attempt takes at most
 * {@code requestTimeout}; the first {@code maxResponseBytes} of each answer are kept in the delivery log. At most
 * {@code concurrency} jobs' events are in flight at once per process; new events are looked for every
 * {@code pollInterval}. {@code secret}, when set, signs every owner's bodies; when null, each owner's own secret does
 * (see {@link WebhookSecrets}).
 */
public record WebhookSettings(
        int maxAttempts,
        Duration baseDelay,
        Duration maxDelay,
        Duration requestTimeout,
        int maxResponseBytes,
        int concurrency,
        Duration pollInterval,
        @Nullable String secret) {
    /** The least length of a configured secret. */
    public static final int MIN_SECRET_LENGTH = 16;

    public WebhookSettings {
        if (maxAttempts < 1 || concurrency < 1 || maxResponseBytes < 0) {
            throw new IllegalArgumentException("Webhook attempts and concurrency must be at least 1, bytes at least 0");
        }
        if (baseDelay.isNegative()
                || maxDelay.isNegative()
                || !requestTimeout.isPositive()
                || !pollInterval.isPositive()) {
            throw new IllegalArgumentException("Webhook delays must not be negative, timeouts must be positive");
        }
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                    "The webhook secret must have at least " + MIN_SECRET_LENGTH + " characters");
        }
    }

    /**
     * How long a claimed event stays with the process sending it: one attempt's timeout plus a margin. A process that
     * dies mid-attempt loses the claim when this has passed, and another sends the event again (same id).
     */
    public Duration leaseFor() {
        return requestTimeout.plusSeconds(30);
    }

    /** The wait before the attempt after attempt {@code attempt} (1-based), before jitter. */
    public Duration backoff(int attempt) {
        int doublings = Math.min(Math.max(0, attempt - 1), 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 || delay.isNegative() ? maxDelay : delay;
    }

    /** These settings with another secret. */
    public WebhookSettings withSecret(@Nullable String secret) {
        return new WebhookSettings(
                maxAttempts, baseDelay, maxDelay, requestTimeout, maxResponseBytes, concurrency, pollInterval, secret);
    }
}
