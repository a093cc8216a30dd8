package dev.gleaner.api;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts answered requests by method, route template and status, and times them in a histogram by method and route.
 * The exposition is written by hand in the Prometheus text format 0.0.4 (two metric families need no client library).
 * Labels stay bounded: the route is a registered template or {@code unmatched}, never a concrete path.
 */
final class RequestMetrics {
    static final String REQUESTS = "gleaner_http_requests_total";
    static final String DURATION = "gleaner_http_request_duration_seconds";
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record Series(String method, String route, int status) {}

    private record Timing(String method, String route) {}

    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                }
            }
            count.increment();
            sum.add(seconds);
        }
    }

    private final Map<Series, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<Timing, Histogram> durations = new ConcurrentHashMap<>();

    void record(String method, String route, int status, double seconds) {
        counts.computeIfAbsent(new Series(method, route, status), s -> new LongAdder())
                .increment();
        durations
                .computeIfAbsent(new Timing(method, route), t -> new Histogram())
                .observe(seconds);
    }

    /** The request metrics in the Prometheus text format, each line ending in a newline. */
    String exposition() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP ")
                .append(REQUESTS)
                .append(" HTTP requests answered, by method, route template and status.\n");
        out.append("# TYPE ").append(REQUESTS).append(" counter\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Series::route)
                        .thenComparing(Series::method)
                        .thenComparingInt(Series::status)))
                .forEach(e -> out.append(REQUESTS)
                        .append(labels(
                                e.getKey().method(),
                                e.getKey().route(),
                                ",status=\"" + e.getKey().status() + "\""))
                        .append(' ')
                        .append(e.getValue().sum())
                        .append('\n'));
        out.append("# HELP ").append(DURATION).append(" Time to answer HTTP requests, by method and route template.\n");
        out.append("# TYPE ").append(DURATION).append(" histogram\n");
        durations.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        Comparator.comparing(Timing::route).thenComparing(Timing::method)))
                .forEach(e -> histogram(out, e.getKey(), e.getValue()));
        return out.toString();
    }

    private static void histogram(StringBuilder out, Timing timing, Histogram histogram) {
        String labels = labels(timing.method(), timing.route(), "");
        for (int i = 0; i < BUCKETS.length; i++) {
            out.append(DURATION)
                    .append("_bucket")
                    .append(labels(timing.method(), timing.route(), ",le=\"" + BUCKETS[i] + "\""))
                    .append(' ')
                    .append(histogram.buckets[i].sum())
                    .append('\n');
        }
        long count = histogram.count.sum();
        out.append(DURATION)
                .append("_bucket")
                .append(labels(timing.method(), timing.route(), ",le=\"+Inf\""))
                .append(' ')
                .append(count)
                .append('\n');
        out.append(DURATION)
                .append("_sum")
                .append(labels)
                .append(' ')
                .append(histogram.sum.sum())
                .append('\n');
        out.append(DURATION)
                .append("_count")
                .append(labels)
                .append(' ')
                .append(count)
                .append('\n');
    }

    /** {@code {method="…",route="…"…}} with {@code more} (already escaped, starting with a comma) at the end. */
    private static String labels(String method, String route, String more) {
        return "{method=\"" + escape(method) + "\",route=\"" + escape(route) + "\"" + more + "}";
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
