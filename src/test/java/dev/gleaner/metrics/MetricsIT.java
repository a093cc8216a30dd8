package dev.gleaner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application crawls a small loopback site and answers a query; {@code GET /metrics} then has every metric
 * family of {@code docs/metrics.md}, each with {@code # HELP} and {@code # TYPE}, and values that agree with the jobs,
 * the knowledgebase and the requests made.
 */
class MetricsIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final int PAGES = 6;
    private static final Pattern METRIC_NAME =
            Pattern.compile("\\b(?:gleaner|jvm|process|system)_[a-z0-9_]*[a-z0-9]\\b");
    /** Garbage collection pauses and phases appear only once a collection happened, and depend on the collector. */
    private static final String AFTER_A_COLLECTION = "jvm_gc_pause_seconds|jvm_gc_concurrent_phase_time_seconds";

    private static final String QUERY_ROUTE = "/v1/projects/{projectId}/knowledgebases/{knowledgebaseId}/query";

    @TempDir
    Path data;

    @Test
    void everyFamilyIsExposedWithHelpAndTypeAndAgreesWithTheJobs() throws IOException {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(PAGES)) {
            TestApi api = app.newOwner();
            Kb kb = Kb.create(api);
            JsonNode crawl =
                    kb.awaitFinished(kb.crawl(Map.of("url", site.siteUrl().toString())), WITHIN);
            JsonNode batch = kb.awaitFinished(
                    kb.crawl(Map.of("urls", List.of(site.url("/missing").toString()))), WITHIN);
            assertThat(kb.query("a question about the site", 3, 0.0)).isNotNull();
            JsonNode knowledgebase = api.get(kb.path()).json();

            TestApi.Response response = app.anonymous().get("/metrics");
            assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            PrometheusText metrics = PrometheusText.parse(response.text());

            Map<String, String> families = Map.ofEntries(
                    Map.entry("gleaner_pages_fetched_total", "counter"),
                    Map.entry("gleaner_fetch_duration_seconds", "histogram"),
                    Map.entry("gleaner_embedding_chunks_total", "counter"),
                    Map.entry("gleaner_embedding_duration_seconds", "histogram"),
                    Map.entry("gleaner_frontier_pending", "gauge"),
                    Map.entry("gleaner_jobs_running", "gauge"),
                    Map.entry("gleaner_index_chunks", "gauge"),
                    Map.entry("gleaner_index_datasets", "gauge"),
                    Map.entry("gleaner_query_duration_seconds", "histogram"),
                    Map.entry("gleaner_http_requests_total", "counter"),
                    Map.entry("gleaner_http_request_duration_seconds", "histogram"),
                    Map.entry("gleaner_pages_processed_total", "counter"),
                    Map.entry("gleaner_leases_lost_total", "counter"),
                    Map.entry("gleaner_workers_busy", "gauge"),
                    Map.entry("gleaner_parser_processes", "gauge"),
                    Map.entry("gleaner_parser_processes_started_total", "counter"),
                    Map.entry("gleaner_parser_processes_lost_total", "counter"),
                    Map.entry("gleaner_event_streams_open", "gauge"),
                    Map.entry("gleaner_health_degraded", "gauge"),
                    Map.entry("gleaner_loop_healthy", "gauge"),
                    Map.entry("gleaner_loop_seconds_since_round", "gauge"),
                    Map.entry("jvm_memory_used_bytes", "gauge"),
                    Map.entry("jvm_gc_live_data_size_bytes", "gauge"),
                    Map.entry("jvm_threads_live_threads", "gauge"),
                    Map.entry("jvm_classes_loaded_classes", "gauge"),
                    Map.entry("process_cpu_usage", "gauge"),
                    Map.entry("process_uptime_seconds", "gauge"));
            families.forEach((family, type) -> {
                assertThat(metrics.help(family)).as("HELP of %s", family).isNotBlank();
                assertThat(metrics.type(family)).as("TYPE of %s", family).isEqualTo(type);
            });

            double done = metrics.sum("gleaner_pages_fetched_total", s -> counts(s, PageOutcome.Counter.DONE));
            double failed = metrics.sum("gleaner_pages_fetched_total", s -> counts(s, PageOutcome.Counter.FAILED));
            assertThat(done)
                    .isEqualTo(
                            crawl.path("done").asDouble() + batch.path("done").asDouble());
            assertThat(failed)
                    .isEqualTo(crawl.path("failed").asDouble()
                            + batch.path("failed").asDouble());
            assertThat(done).isEqualTo(PAGES);
            assertThat(failed).isEqualTo(1);
            assertThat(metrics.value("gleaner_pages_processed_total")).isEqualTo(PAGES + 1);

            double chunks = knowledgebase.path("chunkCount").asDouble();
            assertThat(chunks).isPositive();
            assertThat(metrics.value("gleaner_index_chunks")).isEqualTo(chunks);
            assertThat(metrics.value("gleaner_index_datasets")).isEqualTo(PAGES);
            assertThat(metrics.sum("gleaner_embedding_chunks_total", s -> s.label("model")
                            .equals(TestApp.MODEL)))
                    .isEqualTo(chunks);
            assertThat(metrics.sum("gleaner_embedding_duration_seconds_count", s -> s.label("kind")
                            .equals("query")))
                    .isEqualTo(1);
            assertThat(metrics.value("gleaner_frontier_pending")).isZero();
            assertThat(metrics.value("gleaner_jobs_running")).isZero();

            assertThat(metrics.value("gleaner_query_duration_seconds_count")).isEqualTo(1);
            assertThat(metrics.sum("gleaner_query_duration_seconds_bucket", s -> s.label("le")
                            .equals("+Inf")))
                    .isEqualTo(1);
            // The site's pages, its robots.txt and the missing page were each fetched once.
            assertThat(metrics.sum("gleaner_fetch_duration_seconds_count", s -> s.label("result")
                            .equals("fetched")))
                    .isGreaterThanOrEqualTo(PAGES);
            assertThat(metrics.sum("gleaner_fetch_duration_seconds_count", s -> s.label("result")
                            .equals("http_error")))
                    .isGreaterThanOrEqualTo(1);

            assertThat(metrics.sum(
                            "gleaner_http_requests_total",
                            s -> s.label("route").equals(QUERY_ROUTE)
                                    && s.label("status").equals("200")))
                    .isEqualTo(1);
            assertThat(metrics.samples("gleaner_http_requests_total"))
                    .allSatisfy(s -> assertThat(s.label("route")).doesNotContain("kb_", "proj_", "job_"));
            assertThat(metrics.value("gleaner_health_degraded")).isZero();
            assertThat(metrics.sum("jvm_memory_used_bytes", s -> true)).isPositive();

            assertDocumented(metrics);
        }
    }

    @Test
    void queueDepthAndRunningJobsFollowTheWorkWaiting() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.start()) {
            TestApi api = app.newOwner();
            Kb kb = Kb.create(api);
            List<String> slow = IntStream.range(0, 6)
                    .mapToObj(i -> site.url("/slow?i=" + i).toString())
                    .toList();
            String jobId = kb.crawl(Map.of("urls", slow));

            // Two requests per server at most: while two pages are slow to answer, the others wait in the frontier.
            await().atMost(WITHIN).untilAsserted(() -> {
                PrometheusText metrics = scrape(app);
                assertThat(metrics.value("gleaner_jobs_running")).isEqualTo(1);
                assertThat(metrics.value("gleaner_frontier_pending"))
                        .isEqualTo(slow.size() - app.config().politeness().perHostConcurrency());
            });
            TestApi.Response cancelled = api.post(kb.path() + "/crawl/jobs/" + jobId + "/cancel", Map.of());
            assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);

            PrometheusText after = scrape(app);
            assertThat(after.value("gleaner_jobs_running")).isZero();
            assertThat(after.value("gleaner_frontier_pending")).isZero();
        }
    }

    /** Whether the sample's outcome adds to that job counter ({@code retry} adds to none). */
    private static boolean counts(PrometheusText.Sample sample, PageOutcome.Counter counter) {
        String outcome = sample.label("outcome");
        return !outcome.equals("retry") && PageOutcome.fromWire(outcome).counter() == counter;
    }

    private static PrometheusText scrape(TestApp app) {
        return PrometheusText.parse(app.anonymous().get("/metrics").text());
    }

    /**
     * Every name {@code docs/metrics.md} and the Grafana dashboard use is exposed, and every {@code gleaner_} family
     * exposed is listed in {@code docs/metrics.md}.
     */
    private static void assertDocumented(PrometheusText metrics) throws IOException {
        String documentation = Files.readString(Path.of("docs", "metrics.md"));
        String dashboard = Files.readString(Path.of("docs", "grafana-dashboard.json"));
        for (String text : List.of(documentation, dashboard)) {
            Matcher names = METRIC_NAME.matcher(text);
            while (names.find()) {
                if (names.group().matches("(" + AFTER_A_COLLECTION + ").*")) {
                    continue;
                }
                assertThat(metrics.exposes(names.group()))
                        .as("%s is exposed", names.group())
                        .isTrue();
            }
        }
        assertThat(metrics.families())
                .filteredOn(family -> family.startsWith("gleaner_") && !family.endsWith("_max"))
                .allSatisfy(family -> assertThat(documentation).contains("`" + family + "`"));
    }
}
