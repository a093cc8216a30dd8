package dev.gleaner.cli;

import dev.gleaner.config.HttpConfig;
import dev.gleaner.config.UploadConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The API's limits on its clients and on uploads. Defaults: {@link SettingDefaults}. */
final class HttpOptions {
    @Option(names = "--max-request-bytes", description = "Largest API request body.")
    long maxRequestBytes;

    @Option(
            names = "--http-idle-timeout-seconds",
            description = "Longest silence on an API connection before it is closed.")
    long idleTimeoutSeconds;

    @Option(
            names = "--http-header-timeout-seconds",
            description = "Longest time a client may take to send a request's line and headers, whatever its pace.")
    long headerTimeoutSeconds;

    @Option(
            names = "--http-min-body-rate",
            description = "Least average rate, in bytes per second, a request body must arrive at (0: no minimum).")
    long minBodyRate;

    @Option(names = "--max-upload-bytes", description = "Largest uploaded dataset file.")
    long maxUploadBytes;

    @Option(
            names = "--upload-max-attempts",
            description = "Attempts at embedding one upload when the model fails transiently.")
    int uploadMaxAttempts;

    @Option(
            names = "--upload-retry-backoff-ms",
            description = "Wait before an upload's second attempt; doubled before each further one.")
    long uploadRetryBackoffMillis;

    @Option(
            names = "--upload-poll-ms",
            description = "How often a process running workers looks for uploads to process in the database.")
    long uploadPollMillis;

    HttpConfig http() {
        return new HttpConfig(
                maxRequestBytes,
                Duration.ofSeconds(idleTimeoutSeconds),
                Duration.ofSeconds(headerTimeoutSeconds),
                minBodyRate);
    }

    UploadConfig uploads() {
        return new UploadConfig(
                maxUploadBytes,
                uploadMaxAttempts,
                Duration.ofMillis(uploadRetryBackoffMillis),
                Duration.ofMillis(uploadPollMillis));
    }
}
