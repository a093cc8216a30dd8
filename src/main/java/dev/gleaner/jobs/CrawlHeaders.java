package dev.gleaner.jobs;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Request headers a crawl sends to its own site (an {@code Authorization} or {@code Cookie}, say). They are secrets:
 * {@link #toString()} names the headers and never shows a value, so a log line or an exception message that
 * prints a spec leaks none of them.
 */
public record CrawlHeaders(Map<String, String> values) {
    public static final CrawlHeaders NONE = new CrawlHeaders(Map.of());

    public CrawlHeaders {
        values = Map.copyOf(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return new TreeMap<>(values)
                .keySet().stream().map(name -> name + ": ***").collect(Collectors.joining(", ", "CrawlHeaders[", "]"));
    }
}
