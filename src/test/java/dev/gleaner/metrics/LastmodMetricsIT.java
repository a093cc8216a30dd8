package dev.gleaner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.RevalidatingSite;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sitemap sync of an unchanged site confirms every page by its {@code lastmod} at seeding, so no crawl worker fetches
 * or processes one; {@code gleaner_pages_fetched_total} still counts each as {@code unchanged}, as many as the job's
 * {@code done}, and {@code gleaner_pages_processed_total} (the workers' pages) does not grow.
 */
class LastmodMetricsIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final int PAGES = 4;

    @TempDir
    Path data;

    @Test
    void pagesConfirmedByLastmodAtSeedingAreCountedAsUnchanged() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.builder().generatedPages(PAGES).start()) {
            RevalidatingSite.over(site, Instant.now().minus(Duration.ofDays(1)));
            Kb kb = Kb.create(app.newOwner());
            Map<String, Object> sitemap =
                    Map.of("mode", "sitemap", "url", site.url("/").toString());
            run(kb, sitemap);
            PrometheusText before = metrics(app);

            JsonNode resync = run(kb, sitemap);

            PrometheusText after = metrics(app);
            assertThat(resync.path("changes").path("unchanged").asLong())
                    .as("the re-sync confirmed every page by lastmod: %s", resync)
                    .isEqualTo(PAGES);
            assertThat(unchanged(after) - unchanged(before))
                    .as("pages counted as unchanged by the re-sync")
                    .isEqualTo(resync.path("done").asDouble())
                    .isEqualTo(PAGES);
            assertThat(after.value("gleaner_pages_processed_total"))
                    .as("pages the crawl workers processed: none in the re-sync")
                    .isEqualTo(before.value("gleaner_pages_processed_total"));
        }
    }

    private static double unchanged(PrometheusText metrics) {
        return metrics.sum("gleaner_pages_fetched_total", s -> "unchanged".equals(s.label("outcome")));
    }

    private static PrometheusText metrics(TestApp app) {
        return PrometheusText.parse(app.anonymous().get("/metrics").text());
    }

    private static JsonNode run(Kb kb, Map<String, Object> request) {
        JsonNode job = kb.awaitFinished(kb.crawl(request), WITHIN);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        return job;
    }
}
