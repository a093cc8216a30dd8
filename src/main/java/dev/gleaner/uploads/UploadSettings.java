package dev.gleaner.uploads;

import java.time.Duration;

/**
 * How uploads are taken in and processed.
 *
 * @param maxBytes the largest file accepted, in bytes
 * @param maxAttempts attempts at chunking and embedding one upload when the model fails transiently; also the number
 *     of interrupted starts after which an upload fails
 * @param retryBackoff the wait before an upload's second attempt, doubled before each further one
 * @param pollInterval how often a started ingestor renews its hold on its uploads and looks for others to process
 * @param lease how long a claim holds an upload unless renewed: a stopped process's uploads wait this long at most
 */
public record UploadSettings(
        long maxBytes, int maxAttempts, Duration retryBackoff, Duration pollInterval, Duration lease) {}
