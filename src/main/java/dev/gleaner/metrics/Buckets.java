package dev.gleaner.metrics;

import java.time.Duration;

/** The histogram buckets of the timers: fixed, so that dashboards can rely on them and series stay few. */
final class Buckets {
    /** API requests and queries: milliseconds to seconds. */
    static final Duration[] REQUEST = millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000);
    /** Page fetches and embedding calls: up to the longest fetch deadline. */
    static final Duration[] SLOW = millis(10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000);

    private Buckets() {}

    private static Duration[] millis(long... bounds) {
        Duration[] durations = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            durations[i] = Duration.ofMillis(bounds[i]);
        }
        return durations;
    }
}
