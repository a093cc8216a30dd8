package dev.gleaner.config;

import dev.gleaner.api.HttpTimeouts;
import dev.gleaner.crawl.FetchLimits;
import dev.gleaner.events.EventSettings;
import dev.gleaner.ingest.ParserSettings;
import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.webhooks.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Everything a Gleaner process is configured with. Every key, its flag, its environment variable and its default are
 * listed in {@link ConfigKey} and documented in {@code docs/configuration.md}.
 *
 * @param databaseUrl a {@code jdbc:postgresql:…} URL for the shared database, or null for SQLite under {@code dataDir}
 * @param crawlDelay the least time between two requests to one server (robots.txt Crawl-delay may ask for more)
 * @param maxUploadBytes the largest uploaded dataset file accepted (413 above it)
 * @param uploadMaxAttempts attempts at chunking and embedding one upload when the embedding model fails transiently
 *     (timeouts, 429, 5xx); after the last one the dataset's error says why
 * @param uploadRetryBackoff the wait before an upload's second attempt, doubled before each further one
 * @param events the job events stream's poll interval, heartbeat, open-stream limit and token lifetime
 * @param webhooks how webhook events are delivered (attempts, backoff, timeout, secret)
 * @param parsing how documents (PDF, DOCX, …) are parsed: parser processes, their heap, the limits of one document
 * @param limits the abuse limits: request rate per key, failed authentications per address, per-owner streams,
 *     unfinished jobs and daily quotas
 * @param httpTimeouts how long the API waits for a client: idle connections, request headers, slow bodies
 */
public record GleanerConfig(
        String host,
        int port,
        Path dataDir,
        @Nullable String databaseUrl,
        boolean allowPrivateNetwork,
        int workers,
        int perHostConcurrency,
        Duration leaseDuration,
        int maxAttempts,
        Duration pollInterval,
        Duration crawlDelay,
        long maxRequestBodyBytes,
        FetchLimits fetchLimits,
        long maxUploadBytes,
        int uploadMaxAttempts,
        Duration uploadRetryBackoff,
        EventSettings events,
        WebhookSettings webhooks,
        ParserSettings parsing,
        AbuseLimits limits,
        HttpTimeouts httpTimeouts) {

    /** The largest uploaded file accepted by default: 25 MB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 25L * 1024 * 1024;
    /** Attempts at one upload by default (a remote model down for a few minutes is waited out). */
    public static final int DEFAULT_UPLOAD_MAX_ATTEMPTS = 6;
    /** The wait before an upload's second attempt by default; 5 s, then 10, 20, 40 and 80 s. */
    public static final Duration DEFAULT_UPLOAD_RETRY_BACKOFF = Duration.ofSeconds(5);

    public GleanerConfig {
        if (maxUploadBytes < 1 || maxUploadBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxUploadBytes must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
        if (uploadMaxAttempts < 1 || uploadRetryBackoff.isNegative()) {
            throw new IllegalArgumentException("uploadMaxAttempts must be at least 1 and uploadRetryBackoff >= 0");
        }
    }

    /** This configuration with other HTTP timeouts. */
    public GleanerConfig withHttpTimeouts(HttpTimeouts timeouts) {
        return new GleanerConfig(
                host,
                port,
                dataDir,
                databaseUrl,
                allowPrivateNetwork,
                workers,
                perHostConcurrency,
                leaseDuration,
                maxAttempts,
                pollInterval,
                crawlDelay,
                maxRequestBodyBytes,
                fetchLimits,
                maxUploadBytes,
                uploadMaxAttempts,
                uploadRetryBackoff,
                events,
                webhooks,
                parsing,
                limits,
                timeouts);
    }

    /** This configuration with another upload limit. */
    public GleanerConfig withMaxUploadBytes(long bytes) {
        return new GleanerConfig(
                host,
                port,
                dataDir,
                databaseUrl,
                allowPrivateNetwork,
                workers,
                perHostConcurrency,
                leaseDuration,
                maxAttempts,
                pollInterval,
                crawlDelay,
                maxRequestBodyBytes,
                fetchLimits,
                bytes,
                uploadMaxAttempts,
                uploadRetryBackoff,
                events,
                webhooks,
                parsing,
                limits,
                httpTimeouts);
    }

    /** This configuration with other upload retry settings. */
    public GleanerConfig withUploadRetries(int attempts, Duration backoff) {
        return new GleanerConfig(
                host,
                port,
                dataDir,
                databaseUrl,
                allowPrivateNetwork,
                workers,
                perHostConcurrency,
                leaseDuration,
                maxAttempts,
                pollInterval,
                crawlDelay,
                maxRequestBodyBytes,
                fetchLimits,
                maxUploadBytes,
                attempts,
                backoff,
                events,
                webhooks,
                parsing,
                limits,
                httpTimeouts);
    }

    /** This configuration with other crawl worker settings. */
    public GleanerConfig withCrawling(
            int workers, int perHostConcurrency, Duration leaseDuration, Duration crawlDelay) {
        return new GleanerConfig(
                host,
                port,
                dataDir,
                databaseUrl,
                allowPrivateNetwork,
                workers,
                perHostConcurrency,
                leaseDuration,
                maxAttempts,
                pollInterval,
                crawlDelay,
                maxRequestBodyBytes,
                fetchLimits,
                maxUploadBytes,
                uploadMaxAttempts,
                uploadRetryBackoff,
                events,
                webhooks,
                parsing,
                limits,
                httpTimeouts);
    }

    /** This configuration with other job events stream settings. */
    public GleanerConfig withEvents(EventSettings settings) {
        return new GleanerConfig(
                host,
                port,
                dataDir,
                databaseUrl,
                allowPrivateNetwork,
                workers,
                perHostConcurrency,
                leaseDuration,
                maxAttempts,
                pollInterval,
                crawlDelay,
                maxRequestBodyBytes,
                fetchLimits,
                maxUploadBytes,
                uploadMaxAttempts,
                uploadRetryBackoff,
                settings,
                webhooks,
                parsing,
                limits,
                httpTimeouts);
    }

    /** This configuration with other abuse limits. */
    public GleanerConfig withLimits(AbuseLimits other) {
        return new GleanerConfig(
                host,
                port,
                dataDir,
                databaseUrl,
                allowPrivateNetwork,
                workers,
                perHostConcurrency,
                leaseDuration,
                maxAttempts,
                pollInterval,
                crawlDelay,
                maxRequestBodyBytes,
                fetchLimits,
                maxUploadBytes,
                uploadMaxAttempts,
                uploadRetryBackoff,
                events,
                webhooks,
                parsing,
                other,
                httpTimeouts);
    }

    /** This configuration with other webhook settings. */
    public GleanerConfig withWebhooks(WebhookSettings settings) {
        return new GleanerConfig(
                host,
                port,
                dataDir,
                databaseUrl,
                allowPrivateNetwork,
                workers,
                perHostConcurrency,
                leaseDuration,
                maxAttempts,
                pollInterval,
                crawlDelay,
                maxRequestBodyBytes,
                fetchLimits,
                maxUploadBytes,
                uploadMaxAttempts,
                uploadRetryBackoff,
                events,
                settings,
                parsing,
                limits,
                httpTimeouts);
    }

    /** This configuration with other document parsing settings. */
    public GleanerConfig withParsing(ParserSettings settings) {
        return new GleanerConfig(
                host,
                port,
                dataDir,
                databaseUrl,
                allowPrivateNetwork,
                workers,
                perHostConcurrency,
                leaseDuration,
                maxAttempts,
                pollInterval,
                crawlDelay,
                maxRequestBodyBytes,
                fetchLimits,
                maxUploadBytes,
                uploadMaxAttempts,
                uploadRetryBackoff,
                events,
                webhooks,
                settings,
                limits,
                httpTimeouts);
    }
}
