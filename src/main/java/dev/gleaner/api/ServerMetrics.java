package dev.gleaner.api;

import java.time.Duration;

/**
 * Where the API reports the requests it answered, and what it serves at {@code GET /metrics}. Implementations are
 * thread-safe; {@link #answered} is called once per request, after its answer is written.
 */
public interface ServerMetrics {
    /**
     * One answered request. {@code route} is the registered route template the request matched (e.g.
     * {@code /v1/projects/{projectId}}) or {@code unmatched}, never the concrete path, so label values stay a bounded
     * set.
     */
    void answered(String method, String route, int status, Duration took);

    /** Every metric of the process in the Prometheus text format 0.0.4, each line ending in a newline. */
    String scrape();
}
