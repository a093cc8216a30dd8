package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestMetricsTest {
    @Test
    void countsRequestsByMethodRouteAndStatus() {
        RequestMetrics metrics = new RequestMetrics();
        metrics.record("GET", "/v1/projects", 200, 0.002);
        metrics.record("GET", "/v1/projects", 200, 0.004);
        metrics.record("GET", "/v1/projects", 401, 0.001);
        metrics.record("POST", "unmatched", 404, 0.001);
        String text = metrics.exposition();
        assertThat(text).contains("# TYPE gleaner_http_requests_total counter\n");
        assertThat(text)
                .contains("gleaner_http_requests_total{method=\"GET\",route=\"/v1/projects\",status=\"200\"} 2\n");
        assertThat(text)
                .contains("gleaner_http_requests_total{method=\"GET\",route=\"/v1/projects\",status=\"401\"} 1\n");
        assertThat(text)
                .contains("gleaner_http_requests_total{method=\"POST\",route=\"unmatched\",status=\"404\"} 1\n");
    }

    @Test
    void timesRequestsInACumulativeHistogram() {
        RequestMetrics metrics = new RequestMetrics();
        metrics.record("GET", "/health", 200, 0.003);
        metrics.record("GET", "/health", 200, 0.2);
        metrics.record("GET", "/health", 200, 30);
        String text = metrics.exposition();
        String series = "gleaner_http_request_duration_seconds";
        assertThat(text).contains("# TYPE " + series + " histogram\n");
        assertThat(text).contains(series + "_bucket{method=\"GET\",route=\"/health\",le=\"0.005\"} 1\n");
        assertThat(text).contains(series + "_bucket{method=\"GET\",route=\"/health\",le=\"0.25\"} 2\n");
        assertThat(text).contains(series + "_bucket{method=\"GET\",route=\"/health\",le=\"10.0\"} 2\n");
        assertThat(text).contains(series + "_bucket{method=\"GET\",route=\"/health\",le=\"+Inf\"} 3\n");
        assertThat(text).contains(series + "_count{method=\"GET\",route=\"/health\"} 3\n");
        assertThat(text).containsPattern(series + "_sum\\{method=\"GET\",route=\"/health\"\\} 30\\.20\\d*\n");
    }

    @Test
    void everyLineIsACommentOrASampleAndLabelValuesAreEscaped() {
        RequestMetrics metrics = new RequestMetrics();
        metrics.record("GET", "a\"b\\c\nd", 200, 0.01);
        String text = metrics.exposition();
        assertThat(text).contains("route=\"a\\\"b\\\\c\\nd\"");
        assertThat(text).endsWith("\n");
        for (String line : text.lines().toList()) {
            assertThat(line).matches("(# (HELP|TYPE) .+|[a-z_]+\\{.*\\} [0-9.E+-]+)");
        }
    }
}
