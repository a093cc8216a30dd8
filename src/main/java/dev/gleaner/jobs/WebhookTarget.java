package dev.gleaner.jobs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a job's events are delivered: an absolute http(s) URL, extra request headers (never the ones the service signs
 * and names deliveries with), and the events wanted, a subset of {@link #EVENTS} (the wire names of {@link WebhookEvent}) (all when the request named none).
 */
public record WebhookTarget(String url, Map<String, String> headers, List<String> events) {
    /** Every event name, in the order a job emits them. */
    public static final List<String> EVENTS = WebhookEvent.WIRE_NAMES;

    public WebhookTarget {
        headers = new TreeMap<>(headers);
        events = List.copyOf(events);
    }

    /** True when {@code event} is delivered to this target. */
    public boolean wants(WebhookEvent event) {
        return events.contains(event.wire());
    }
}
