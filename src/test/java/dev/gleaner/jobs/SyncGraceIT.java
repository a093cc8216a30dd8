package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.MutableSite;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removed pages with {@code --removal-grace-seconds}, on a clock the test moves: a complete sync marks the datasets it
 * no longer finds ({@code removedAt}) and they answer no query; a page that comes back before the grace ends is
 * restored; the sweep deletes the rest once the grace has passed since the mark, and not before.
 */
@Timeout(120)
class SyncGraceIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SOURCE = "src_harbour";
    private static final String TIDES = "High tide comes twice a day at the north pier.";
    private static final String FERRIES = "The ferry leaves at six in the morning from the south quay.";
    private static final String MOORINGS = "Mooring lines are inspected every month by the harbour master.";

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(T0);
    private TestApp app;
    private TestSite site;
    private MutableSite pages;
    private Kb kb;

    @BeforeEach
    void start() {
        app = TestApp.start(TestApp.config(data).withCrawl(crawl -> crawl.withRemovalGrace(GRACE)), clock);
        site = TestSite.start();
        pages = MutableSite.on(site).put("tides", TIDES).put("ferries", FERRIES).put("moorings", MOORINGS);
        kb = Kb.create(app.newOwner());
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void markedDatasetsAnswerNoQueryComeBackWhenTheirPageDoesAndAreSweptAfterTheGrace() {
        JsonNode first = sync();
        assertThat(first.path("changes").path("new").asLong()).isEqualTo(3);
        Map<String, String> ids = datasetIds();
        await().atMost(WITHIN).untilAsserted(() -> assertThat(hits(MOORINGS)).contains(ids.get("moorings")));

        pages.remove("moorings", 404).unlink("ferries");
        JsonNode second = sync();

        assertThat(second.path("changes").path("removed").asLong()).isEqualTo(2);
        assertThat(removedAt("moorings")).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(removedAt("ferries")).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(removedAt("tides")).isNull();
        assertThat(hits(MOORINGS)).doesNotContain(ids.get("moorings"));
        assertThat(hits(FERRIES)).doesNotContain(ids.get("ferries"));
        assertThat(hits(TIDES)).contains(ids.get("tides"));

        clock.advance(Duration.ofMinutes(30));
        pages.restore("ferries");
        JsonNode third = sync();

        // Ferries is back: its mark is cleared; moorings stays marked, reported removed only by the sync that marked
        // it.
        assertThat(third.path("changes").path("unchanged").asLong()).isEqualTo(2);
        assertThat(third.path("changes").path("removed").asLong()).isZero();
        assertThat(removedAt("ferries")).isNull();
        assertThat(removedAt("moorings")).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(hits(FERRIES)).contains(ids.get("ferries"));
        assertThat(app.sweepRemovals())
                .as("nothing is due before the grace ends")
                .isZero();

        clock.advance(Duration.ofMinutes(30));
        assertThat(app.sweepRemovals()).isEqualTo(1);

        assertThat(datasetIds()).containsOnlyKeys("tides", "ferries");
        assertThat(hits(MOORINGS)).doesNotContain(ids.get("moorings"));
    }

    private JsonNode sync() {
        CrawlSpec spec = new CrawlSpec(
                JobMode.CRAWL,
                pages.index().toString(),
                100,
                3,
                List.of(),
                List.of(),
                false,
                false,
                SitemapPolicy.SKIP,
                false);
        JsonNode job = kb.awaitFinished(app.startSync(kb, spec, SOURCE), WITHIN);
        assertThat(job.path("status").asText()).isEqualTo("completed");
        return job;
    }

    /** The knowledgebase's datasets by page name. */
    private Map<String, String> datasetIds() {
        Map<String, String> ids = new java.util.TreeMap<>();
        kb.datasets()
                .forEach(dataset -> ids.put(name(dataset), dataset.path("id").asText()));
        return ids;
    }

    private @org.jspecify.annotations.Nullable String removedAt(String name) {
        for (JsonNode dataset : kb.datasets()) {
            if (name(dataset).equals(name)) {
                assertThat(dataset.path("sourceId").asText()).isEqualTo(SOURCE);
                return dataset.path("removedAt").isTextual()
                        ? dataset.path("removedAt").asText()
                        : null;
            }
        }
        throw new AssertionError("No dataset for " + name + " in " + kb.datasets());
    }

    /** The datasets of the chunks a query for {@code text} answers with (up to 10, any score). */
    private List<String> hits(String text) {
        List<String> datasets = new ArrayList<>();
        kb.query(text, 10, 0.0)
                .forEach(hit -> datasets.add(hit.path("datasetId").asText()));
        return datasets;
    }

    private static String name(JsonNode dataset) {
        String url = dataset.path("sourceUrl").asText();
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
