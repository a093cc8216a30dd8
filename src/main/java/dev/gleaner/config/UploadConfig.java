package dev.gleaner.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Uploaded dataset files ({@link UploadSetting}).
 *
 * @param maxBytes the largest uploaded file accepted (413 above it)
 * @param maxAttempts attempts at chunking and embedding one upload when the embedding model fails transiently
 *     (timeouts, 429, 5xx); after the last one the dataset's error says why
 * @param retryBackoff the wait before an upload's second attempt, doubled before each further one
 * @param pollInterval how often a process running workers looks for uploads to process in the database
 */
public record UploadConfig(long maxBytes, int maxAttempts, Duration retryBackoff, Duration pollInterval) {

    /** The table's defaults. */
    public static UploadConfig defaults() {
        return new UploadConfig(
                UploadSetting.MAX_UPLOAD_BYTES.defaultLong(),
                UploadSetting.UPLOAD_MAX_ATTEMPTS.defaultInt(),
                Duration.ofMillis(UploadSetting.UPLOAD_RETRY_BACKOFF_MS.defaultLong()),
                Duration.ofMillis(UploadSetting.UPLOAD_POLL_MS.defaultLong()));
    }

    /** This configuration with another size limit. */
    public UploadConfig withMaxBytes(long bytes) {
        return new UploadConfig(bytes, maxAttempts, retryBackoff, pollInterval);
    }

    /** This configuration with other retries. */
    public UploadConfig withRetries(int attempts, Duration backoff) {
        return new UploadConfig(maxBytes, attempts, backoff, pollInterval);
    }

    /** This configuration looking for uploads to process every {@code interval}. */
    public UploadConfig withPollInterval(Duration interval) {
        return new UploadConfig(maxBytes, maxAttempts, retryBackoff, interval);
    }

    void check(Problems problems) {
        problems.inRange(UploadSetting.MAX_UPLOAD_BYTES, maxBytes);
        problems.inRange(UploadSetting.UPLOAD_MAX_ATTEMPTS, maxAttempts);
        problems.inRange(UploadSetting.UPLOAD_RETRY_BACKOFF_MS, retryBackoff, TimeUnit.MILLISECONDS);
        problems.inRange(UploadSetting.UPLOAD_POLL_MS, pollInterval, TimeUnit.MILLISECONDS);
    }
}
