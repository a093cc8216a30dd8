package dev.gleaner.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * How webhook events are delivered ({@link WebhookSetting}).
 *
 * @param maxAttempts attempts per event before it is given up as failed
 * @param baseDelay the wait after the first failed attempt, doubled after each further one
 * @param maxDelay the longest wait between two attempts
 * @param requestTimeout the deadline of one attempt
 * @param maxResponseBytes the bytes of an answer kept in the delivery log
 * @param concurrency the jobs whose events this process sends at once
 * @param pollInterval how often the dispatcher looks for due events (not a flag)
 * @param secret one secret every owner's bodies are signed with, or null for a secret per owner
 */
public record WebhooksConfig(
        int maxAttempts,
        Duration baseDelay,
        Duration maxDelay,
        Duration requestTimeout,
        int maxResponseBytes,
        int concurrency,
        Duration pollInterval,
        @Nullable String secret) {

    /** How often the dispatcher looks for due events. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** The least length of a configured secret. */
    public static final int MIN_SECRET_LENGTH = 16;

    /** The table's defaults: a secret per owner. */
    public static WebhooksConfig defaults() {
        return new WebhooksConfig(
                WebhookSetting.MAX_ATTEMPTS.defaultInt(),
                Duration.ofMillis(WebhookSetting.BASE_DELAY_MS.defaultLong()),
                Duration.ofSeconds(WebhookSetting.MAX_DELAY_SECONDS.defaultLong()),
                Duration.ofSeconds(WebhookSetting.TIMEOUT_SECONDS.defaultLong()),
                WebhookSetting.RESPONSE_BYTES.defaultInt(),
                WebhookSetting.CONCURRENCY.defaultInt(),
                POLL_INTERVAL,
                null);
    }

    /** These settings with another secret (null: one per owner). */
    public WebhooksConfig withSecret(@Nullable String other) {
        return new WebhooksConfig(
                maxAttempts, baseDelay, maxDelay, requestTimeout, maxResponseBytes, concurrency, pollInterval, other);
    }

    void check(Problems problems) {
        String given = secret;
        // The secret itself never appears in a message: only its length.
        problems.require(
                given == null || given.length() >= MIN_SECRET_LENGTH,
                "--webhook-secret must have at least " + MIN_SECRET_LENGTH + " characters, had "
                        + (given == null ? 0 : given.length()));
        problems.inRange(WebhookSetting.MAX_ATTEMPTS, maxAttempts);
        problems.inRange(WebhookSetting.BASE_DELAY_MS, baseDelay, TimeUnit.MILLISECONDS);
        problems.inRange(WebhookSetting.MAX_DELAY_SECONDS, maxDelay, TimeUnit.SECONDS);
        problems.require(
                requestTimeout.isPositive(),
                "--webhook-timeout-seconds must be ≥ 1, was " + requestTimeout.toSeconds());
        problems.inRange(WebhookSetting.RESPONSE_BYTES, maxResponseBytes);
        problems.inRange(WebhookSetting.CONCURRENCY, concurrency);
        problems.require(
                pollInterval.isPositive(),
                "the webhook dispatcher's poll interval must be positive, was " + pollInterval);
    }
}
