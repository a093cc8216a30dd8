package dev.gleaner.jobs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a job's events are delivered: an absolute http(s) URL, extra request headers (never the ones the service signs
 * and names deliveries with), and the events wanted, a subset of {@link #EVENTS} (all when the request named none).
 */
public record WebhookTarget(String url, Map<String, String> headers, List<String> events) {
    public static final String STARTED = "crawl.started";
    public static final String PAGE = "crawl.page";
    public static final String COMPLETED = "crawl.completed";
    public static final String FAILED = "crawl.failed";
    public static final String CANCELLED = "crawl.cancelled";

    /** Every event name, in the order a job emits them. */
    public static final List<String> EVENTS = List.of(STARTED, PAGE, COMPLETED, FAILED, CANCELLED);

    public WebhookTarget {
        headers = new TreeMap<>(headers);
        events = List.copyOf(events);
    }

    /** True when {@code event} is delivered to this target. */
    public boolean wants(String event) {
        return events.contains(event);
    }

    /** The terminal event reporting a job that ended with {@code status}. */
    public static String terminalEvent(JobStatus status) {
        return switch (status) {
            case COMPLETED -> COMPLETED;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
            case QUEUED, RUNNING -> throw new IllegalArgumentException("Job status " + status + " is not final");
        };
    }
}
