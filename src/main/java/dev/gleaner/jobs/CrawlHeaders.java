package dev.gleaner.jobs;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Request headers a crawl sends to its own site (an {@code Authorization} or {@code Cookie}, say). They are secrets:
 * {@link #toString()} names the headers and never shows a value, so a log line or an exception message that
 * prints a spec leaks none of them.
 *
 * <p>Headers stored encrypted that this process cannot decrypt (another key, damaged) read back as
 * {@link #unreadable(String)}: no values, and the reason, so each of the job's pages fails with it instead of being
 * fetched without its headers.
 *
 * @param values header name → value (empty when unreadable)
 * @param unreadable why stored headers could not be read back, or null when they could
 */
public record CrawlHeaders(Map<String, String> values, @Nullable String unreadable) {
    public static final CrawlHeaders NONE = new CrawlHeaders(Map.of());

    public CrawlHeaders {
        values = Map.copyOf(values);
    }

    public CrawlHeaders(Map<String, String> values) {
        this(values, null);
    }

    /** Stored headers that could not be read back, for {@code reason}. */
    public static CrawlHeaders unreadable(String reason) {
        return new CrawlHeaders(Map.of(), reason);
    }

    /** No headers, and none that could not be read. */
    public boolean isEmpty() {
        return values.isEmpty() && unreadable == null;
    }

    @Override
    public String toString() {
        if (unreadable != null) {
            return "CrawlHeaders[unreadable]";
        }
        return new TreeMap<>(values)
                .keySet().stream().map(name -> name + ": ***").collect(Collectors.joining(", ", "CrawlHeaders[", "]"));
    }
}
