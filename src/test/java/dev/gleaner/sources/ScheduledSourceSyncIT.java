package dev.gleaner.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.testapp.TestApi;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * A source scheduled every 15 minutes keeps its knowledgebase equal to a real loopback site that the test edits,
 * shrinks and grows between three scheduled syncs: each due time starts exactly one sync, each sync's change report
 * has the exact counts the edits call for, and afterwards the knowledgebase holds exactly the site's current pages.
 */
class ScheduledSourceSyncIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final Duration EVERY = Duration.ofMinutes(15);
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    private static final String TIDES = "Spring tides at the north quay rise four metres above the chart datum twice a"
            + " month, so skippers moor with long lines and check the gauge by the harbour office before each tide.";
    private static final String TIDES_EDITED =
            "Since the new breakwater, spring tides at the north quay rise only three"
                    + " metres above the chart datum; the harbour office posts the corrected gauge readings every morning.";
    private static final String FERRIES = "The island ferry leaves the south pier at seven, eleven and four; bicycles"
            + " travel free, cars must be booked a day ahead, and the last crossing waits for the evening train.";
    private static final String MOORINGS = "Visitor moorings are the yellow buoys east of the lifeboat slip; each takes"
            + " boats up to twelve metres, costs nine euros a night and is paid at the fuel berth kiosk.";
    private static final String CHANDLERY = "The chandlery on Rope Walk sells charts, shackles, antifouling paint and"
            + " diesel filters, and its owner repairs sails in the loft above the shop within two working days.";
    private static final String LIGHTHOUSE = "The lighthouse on Gannet Point flashes white every ten seconds, can be"
            + " seen for eighteen nautical miles and opens its gallery to visitors on summer Sunday afternoons.";
    private static final String LIGHTHOUSE_EDITED =
            "The lighthouse on Gannet Point now flashes white twice every fifteen"
                    + " seconds after its conversion to LED, and its gallery is closed while the lantern room is restored.";

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(T0);
    private TestApp app;
    private TestSite site;
    private MutableSite pages;
    private Kb kb;

    @BeforeEach
    void start() {
        app = TestApp.start(TestApp.config(data), clock);
        site = TestSite.start();
        pages = MutableSite.on(site)
                .put("tides", TIDES)
                .put("ferries", FERRIES)
                .put("moorings", MOORINGS)
                .put("chandlery", CHANDLERY);
        kb = Kb.create(app.newOwner());
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void aScheduledSourceKeepsItsKnowledgebaseEqualToItsSiteAcrossThreeSyncs() {
        String id = createSource();
        assertThat(nextRunAt(id)).isEqualTo(T0.plus(EVERY));

        JsonNode first = nextScheduledSync(id, 1);
        assertChanges(first, 4, 0, 0, 0);
        assertKnowledgebaseEqualsSite();
        assertAnswered(TIDES, "tides");

        pages.edit("tides", TIDES_EDITED)
                .remove("moorings", 404)
                .unlink("moorings")
                .put("lighthouse", LIGHTHOUSE);
        JsonNode second = nextScheduledSync(id, 2);
        assertChanges(second, 1, 1, 2, 1);
        assertKnowledgebaseEqualsSite();
        assertAnswered(TIDES_EDITED, "tides");
        assertAnswered(LIGHTHOUSE, "lighthouse");
        assertThat(changedUrls(second, "removed"))
                .containsExactly(pages.url("moorings").toString());
        assertThat(changedUrls(second, "updated"))
                .containsExactly(pages.url("tides").toString());
        assertThat(changedUrls(second, "new"))
                .containsExactly(pages.url("lighthouse").toString());

        pages.edit("lighthouse", LIGHTHOUSE_EDITED).unlink("chandlery");
        JsonNode third = nextScheduledSync(id, 3);
        assertChanges(third, 0, 1, 2, 1);
        assertKnowledgebaseEqualsSite();
        assertAnswered(LIGHTHOUSE_EDITED, "lighthouse");
        assertThat(changedUrls(third, "removed"))
                .containsExactly(pages.url("chandlery").toString());
        assertThat(changedUrls(third, "unchanged"))
                .containsExactlyInAnyOrder(
                        pages.url("ferries").toString(), pages.url("tides").toString());

        JsonNode source = source(id);
        assertThat(source.path("lastJob").path("jobId").asText())
                .isEqualTo(third.path("jobId").asText());
        assertThat(source.path("lastJob").path("changes").path("updated").asLong())
                .isEqualTo(1);
        assertThat(nextRunAt(id)).isEqualTo(T0.plus(EVERY.multipliedBy(4)));
    }

    private String createSource() {
        TestApi.Response created = kb.api()
                .post(
                        kb.path() + "/sources",
                        Map.of(
                                "name",
                                "Harbour guide",
                                "request",
                                Map.of("url", pages.index().toString(), "maxDepth", 2),
                                "schedule",
                                Map.of("every", "PT15M")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    /**
     * Moves the clock to the source's next due time and returns the one sync it started, finished; before that, no
     * sync beyond the {@code count - 1} earlier ones has started.
     */
    private JsonNode nextScheduledSync(String id, int count) {
        assertThat(syncs(id)).hasSize(count - 1);
        clock.advance(EVERY);
        await().atMost(WITHIN).until(() -> syncs(id).size() == count);
        JsonNode job = kb.awaitFinished(syncs(id).get(0), WITHIN);
        await().atMost(WITHIN)
                .until(() -> T0.plus(EVERY.multipliedBy(count + 1L)).equals(nextRunAt(id)));
        assertThat(syncs(id)).as("one sync per due time").hasSize(count);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.path("sourceId").asText()).isEqualTo(id);
        return job;
    }

    private static void assertChanges(JsonNode job, long added, long updated, long unchanged, long removed) {
        JsonNode changes = job.path("changes");
        assertThat(List.of(
                        changes.path("new").asLong(),
                        changes.path("updated").asLong(),
                        changes.path("unchanged").asLong(),
                        changes.path("removed").asLong(),
                        job.path("failed").asLong()))
                .as("new, updated, unchanged, removed, failed of " + job)
                .containsExactly(added, updated, unchanged, removed, 0L);
    }

    private void assertKnowledgebaseEqualsSite() {
        List<String> urls = new ArrayList<>();
        kb.datasets().forEach(dataset -> {
            assertThat(dataset.path("removedAt").isMissingNode())
                    .as(dataset.toString())
                    .isTrue();
            urls.add(dataset.path("sourceUrl").asText());
        });
        assertThat(urls).containsExactlyInAnyOrderElementsOf(pages.currentPages());
    }

    /** A query for {@code text} answers first with the dataset of the page {@code name}. */
    private void assertAnswered(String text, String name) {
        String url = pages.url(name).toString();
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode hits = kb.query(text, 3, 0.0);
            assertThat(hits).isNotEmpty();
            assertThat(hits.get(0).path("sourceUrl").asText()).startsWith(url);
            assertThat(hits.get(0).path("content").asText()).contains(text.substring(0, 40));
        });
    }

    private List<String> changedUrls(JsonNode job, String kind) {
        TestApi.Response response =
                kb.api().get(kb.path() + "/crawl/jobs/" + job.path("jobId").asText() + "/changes?change=" + kind);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> urls = new ArrayList<>();
        response.json().path("pages").forEach(page -> urls.add(page.path("url").asText()));
        return urls;
    }

    private JsonNode source(String id) {
        TestApi.Response response = kb.api().get(kb.path() + "/sources/" + id);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private Instant nextRunAt(String id) {
        return Instant.parse(source(id).path("nextRunAt").asText());
    }

    /** The ids of the source's jobs, newest first. */
    private List<String> syncs(String id) {
        List<String> ids = new ArrayList<>();
        kb.jobs().forEach(job -> {
            if (job.path("sourceId").asText().equals(id)) {
                ids.add(job.path("jobId").asText());
            }
        });
        return ids;
    }
}
