package dev.gleaner.cli;

import dev.gleaner.config.EventsConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The job events streams. Defaults: {@link SettingDefaults}. */
final class EventOptions {
    @Option(names = "--events-poll-ms", description = "How often the job events feed reads the jobs that changed.")
    long pollMillis;

    @Option(
            names = "--events-heartbeat-seconds",
            description = "Longest silence on a job events stream before a keep-alive comment (at most 25).")
    long heartbeatSeconds;

    @Option(
            names = "--events-max-streams",
            description = "Most job events streams open at once in this process (503 beyond).")
    int maxStreams;

    @Option(names = "--events-token-seconds", description = "How long a minted job events token can open a stream.")
    long tokenSeconds;

    EventsConfig config() {
        return new EventsConfig(
                Duration.ofMillis(pollMillis),
                Duration.ofSeconds(heartbeatSeconds),
                maxStreams,
                Duration.ofSeconds(tokenSeconds));
    }
}
