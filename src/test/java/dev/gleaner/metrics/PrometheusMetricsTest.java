package dev.gleaner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
    @Test
    void countsRequestsByMethodRouteAndStatus() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            metrics.answered("GET", "/v1/projects", 200, Duration.ofMillis(2));
            metrics.answered("GET", "/v1/projects", 200, Duration.ofMillis(4));
            metrics.answered("GET", "/v1/projects", 401, Duration.ofMillis(1));
            metrics.answered("POST", "unmatched", 404, Duration.ofMillis(1));

            PrometheusText text = PrometheusText.parse(metrics.scrape());

            assertThat(text.type("gleaner_http_requests_total")).isEqualTo("counter");
            assertThat(text.help("gleaner_http_requests_total")).isNotBlank();
            assertThat(text.sum("gleaner_http_requests_total", s -> s.label("status")
                            .equals("200")))
                    .isEqualTo(2);
            assertThat(text.sum("gleaner_http_requests_total", s -> s.label("status")
                            .equals("401")))
                    .isEqualTo(1);
            assertThat(text.sum(
                            "gleaner_http_requests_total", s -> s.label("route").equals("unmatched")))
                    .isEqualTo(1);
        }
    }

    @Test
    void timesRequestsInACumulativeHistogramWithFixedBuckets() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            metrics.answered("GET", "/health", 200, Duration.ofMillis(3));
            metrics.answered("GET", "/health", 200, Duration.ofMillis(200));
            metrics.answered("GET", "/health", 200, Duration.ofSeconds(30));

            PrometheusText text = PrometheusText.parse(metrics.scrape());

            assertThat(text.type("gleaner_http_request_duration_seconds")).isEqualTo("histogram");
            assertThat(bucket(text, "0.005")).isEqualTo(1);
            assertThat(bucket(text, "0.25")).isEqualTo(2);
            assertThat(bucket(text, "10.0")).isEqualTo(2);
            assertThat(bucket(text, "+Inf")).isEqualTo(3);
            assertThat(text.value("gleaner_http_request_duration_seconds_count"))
                    .isEqualTo(3);
        }
    }

    private static double bucket(PrometheusText text, String le) {
        return text.sum("gleaner_http_request_duration_seconds_bucket", s -> s.label("le")
                .equals(le));
    }
}
