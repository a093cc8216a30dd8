package dev.gleaner.cli;

import dev.gleaner.config.StoreConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How the process's search index follows the store's chunk change feed. Defaults: {@link SettingDefaults}. */
final class IndexOptions {
    @Option(names = "--index-poll-ms", description = "How often the search index reads the store's chunk changes.")
    long pollMillis;

    @Option(
            names = "--index-wait-ms",
            description = "Longest a query with minPosition waits for this process's index (503 after it).")
    long waitMillis;

    @Option(
            names = "--index-log-keep",
            description = "Changes kept in the change feed below the slowest live process's position.")
    long keep;

    StoreConfig applyTo(StoreConfig store) {
        return store.withIndexFeed(Duration.ofMillis(pollMillis), Duration.ofMillis(waitMillis), keep);
    }
}
