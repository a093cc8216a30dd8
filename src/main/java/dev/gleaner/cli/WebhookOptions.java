package dev.gleaner.cli;

import dev.gleaner.config.WebhooksConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How webhook events are delivered. Defaults: {@link SettingDefaults}. */
final class WebhookOptions {
    @Option(
            names = "--webhook-secret",
            description = "One secret every owner's webhook bodies are signed with (at least 16 characters), for a"
                    + " single-tenant deployment; when unset (recommended), each owner has its own secret, generated"
                    + " when first needed and read or rotated with 'gleaner webhooks secret'.")
    @Nullable
    String secret;

    @Option(
            names = "--webhook-max-attempts",
            description = "Attempts per webhook event before it is given up as failed.")
    int maxAttempts;

    @Option(
            names = "--webhook-base-delay-ms",
            description = "Wait after the first failed webhook attempt; doubled after each further one (with jitter).")
    long baseDelayMillis;

    @Option(names = "--webhook-max-delay-seconds", description = "Longest wait between two webhook attempts.")
    long maxDelaySeconds;

    @Option(names = "--webhook-timeout-seconds", description = "Deadline of one webhook request.")
    long timeoutSeconds;

    @Option(names = "--webhook-response-bytes", description = "Bytes of a receiver's answer kept in the delivery log.")
    int responseBytes;

    @Option(
            names = "--webhook-concurrency",
            description = "Jobs whose webhook events are sent at once by this process.")
    int concurrency;

    WebhooksConfig config() {
        String given = secret;
        return new WebhooksConfig(
                maxAttempts,
                Duration.ofMillis(baseDelayMillis),
                Duration.ofSeconds(maxDelaySeconds),
                Duration.ofSeconds(timeoutSeconds),
                responseBytes,
                concurrency,
                WebhooksConfig.POLL_INTERVAL,
                given == null || given.isEmpty() ? null : given);
    }
}
