package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.MutableSite;
import dev.gleaner.testsite.TestSite;
import dev.gleaner.testsite.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs of a site whose pages the test edits, removes, unlinks and adds between runs, through the real application:
 * the change report (job JSON and {@code …/changes}) counts and lists exactly what changed, the knowledgebase ends
 * up holding the site's current pages, {@code crawl.page} events report each removal, and a transient failure, a
 * cancelled sync or one that reached its limit removes nothing.
 */
@Timeout(120)
class SyncChangesIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String SOURCE = "src_handbook";

    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private MutableSite pages;
    private WebhookReceiver receiver;
    private Kb kb;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.start();
        pages = MutableSite.on(site);
        receiver = WebhookReceiver.accepting();
        kb = Kb.create(app.newOwner());
        pages.put("tides", "High tide comes twice a day at the north pier.")
                .put("ferries", "The ferry leaves at six in the morning.")
                .put("moorings", "Mooring lines are inspected every month.")
                .put("lighthouse", "The lighthouse keeper lives on the island.")
                .put("weather", "Storm warnings are posted at the harbour office.");
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
        receiver.close();
    }

    @Test
    void aSecondSyncReportsExactlyWhatChangedAndLeavesTheSitesCurrentPages() {
        JsonNode first = sync(100, null);
        assertThat(counts(first)).containsExactly(5L, 0L, 0L, 0L, 0L);
        assertThat(urls(first, "new")).containsExactlyInAnyOrderElementsOf(pages.currentPages());
        assertThat(kb.datasets())
                .allSatisfy(
                        dataset -> assertThat(dataset.path("sourceId").asText()).isEqualTo(SOURCE));

        pages.edit("ferries", "The ferry now leaves at seven in the morning.")
                .remove("moorings", 404)
                .unlink("lighthouse")
                .failTransiently("weather")
                .put("fishing", "Fishing permits are sold at the harbour office.");
        JsonNode second = sync(100, receiver);

        assertThat(second.path("status").asText()).isEqualTo("completed");
        // new, updated, unchanged, removed, failed: the 404 page is a failed fetch and a removed dataset both.
        assertThat(counts(second)).containsExactly(1L, 1L, 1L, 2L, 2L);
        assertThat(urls(second, "new")).containsExactly(url("fishing"));
        assertThat(urls(second, "updated")).containsExactly(url("ferries"));
        assertThat(urls(second, "unchanged")).containsExactly(url("tides"));
        assertThat(urls(second, "removed")).containsExactlyInAnyOrder(url("moorings"), url("lighthouse"));
        assertThat(urls(second, "failed")).containsExactlyInAnyOrder(url("moorings"), url("weather"));
        // The page that failed transiently keeps its dataset; the knowledgebase holds the site's current pages.
        List<String> expected = new ArrayList<>(pages.currentPages());
        expected.add(url("weather"));
        assertThat(datasetUrls()).containsExactlyInAnyOrderElementsOf(expected);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(removedEvents())
                .containsExactlyInAnyOrder(url("moorings"), url("lighthouse")));
    }

    @Test
    void aCancelledSyncAndOneThatReachedItsLimitRemoveNothingButTheNextCompleteOneDoes() {
        sync(100, null);
        List<String> before = datasetUrls();
        pages.remove("tides", 410)
                .put("zz-held", "A page that answers only when the test lets it.")
                .hold("zz-held");

        String cancelledId = app.startSync(kb, spec(100, null), SOURCE);
        await().atMost(WITHIN).until(() -> site.hits(MutableSite.ROOT + "zz-held") > 0);
        TestApi.Response cancel = kb.api().post(kb.path() + "/crawl/jobs/" + cancelledId + "/cancel", Map.of());
        pages.release("zz-held");
        assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
        JsonNode cancelled = kb.awaitFinished(cancelledId, WITHIN);
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("changes").path("removed").asLong()).isZero();
        assertThat(datasetUrls()).containsAll(before);

        JsonNode limited = sync(2, null);
        assertThat(limited.path("status").asText()).isEqualTo("completed");
        assertThat(limited.path("skipped").path("overLimit").asLong()).isPositive();
        assertThat(limited.path("changes").path("removed").asLong()).isZero();
        assertThat(datasetUrls()).containsAll(before);

        JsonNode complete = sync(100, null);
        assertThat(urls(complete, "removed")).containsExactly(url("tides"));
        assertThat(datasetUrls()).containsExactlyInAnyOrderElementsOf(pages.currentPages());
    }

    @Test
    void aSitemapSyncRemovesThePagesItsSitemapNoLongerLists() {
        String robots = "User-agent: *\nAllow: /\nSitemap: " + site.url(MutableSite.SITEMAP) + "\n";
        site.respond(
                TestSite.ROBOTS, 200, "text/plain", robots.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
        CrawlSpec sitemap = new CrawlSpec(
                JobMode.SITEMAP,
                site.url("/").toString(),
                100,
                0,
                List.of(),
                List.of(),
                false,
                false,
                SitemapPolicy.ONLY,
                false);

        JsonNode first = kb.awaitFinished(app.startSync(kb, sitemap, SOURCE), WITHIN);
        pages.unlink("tides");
        JsonNode second = kb.awaitFinished(app.startSync(kb, sitemap, SOURCE), WITHIN);

        assertThat(counts(first)).containsExactly(5L, 0L, 0L, 0L, 0L);
        assertThat(second.path("status").asText()).isEqualTo("completed");
        assertThat(counts(second)).containsExactly(0L, 0L, 4L, 1L, 0L);
        assertThat(urls(second, "removed")).containsExactly(url("tides"));
        assertThat(datasetUrls()).containsExactlyInAnyOrderElementsOf(pages.currentPages());
    }

    private JsonNode sync(int limit, @Nullable WebhookReceiver webhook) {
        String jobId = app.startSync(kb, spec(limit, webhook), SOURCE);
        JsonNode job = kb.awaitFinished(jobId, WITHIN);
        assertThat(job.path("sourceId").asText()).isEqualTo(SOURCE);
        return job;
    }

    private CrawlSpec spec(int limit, @Nullable WebhookReceiver webhook) {
        WebhookTarget target = webhook == null
                ? null
                : new WebhookTarget(webhook.url("/hook").toString(), Map.of(), List.of("crawl.page"));
        return new CrawlSpec(
                JobMode.CRAWL,
                pages.index().toString(),
                limit,
                3,
                List.of(),
                List.of(),
                false,
                false,
                SitemapPolicy.SKIP,
                false,
                target);
    }

    /** The job's counts: new, updated, unchanged, removed and failed. */
    private static List<Long> counts(JsonNode job) {
        JsonNode changes = job.path("changes");
        return List.of(
                changes.path("new").asLong(),
                changes.path("updated").asLong(),
                changes.path("unchanged").asLong(),
                changes.path("removed").asLong(),
                job.path("failed").asLong());
    }

    /** Every URL the job's changes listing gives for {@code kind}, read one at a time to walk its cursors. */
    private List<String> urls(JsonNode job, String kind) {
        List<String> urls = new ArrayList<>();
        String cursor = null;
        do {
            String path = kb.path() + "/crawl/jobs/" + job.path("jobId").asText() + "/changes?change=" + kind
                    + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor);
            TestApi.Response page = kb.api().get(path);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.json().path("changes")).isEqualTo(job.path("changes"));
            page.json().path("pages").forEach(change -> {
                assertThat(change.path("change").asText()).isEqualTo(kind);
                urls.add(change.path("url").asText());
            });
            cursor = page.json().path("nextCursor").isTextual()
                    ? page.json().path("nextCursor").asText()
                    : null;
        } while (cursor != null);
        return urls;
    }

    private List<String> datasetUrls() {
        List<String> urls = new ArrayList<>();
        kb.datasets().forEach(dataset -> urls.add(dataset.path("sourceUrl").asText()));
        return urls;
    }

    private List<String> removedEvents() {
        List<String> urls = new ArrayList<>();
        for (WebhookReceiver.Received event : receiver.received()) {
            JsonNode page = event.json().path("data");
            if (event.event().equals("crawl.page")
                    && page.path("outcome").asText().equals("removed")) {
                assertThat(page.path("datasetId").asText()).startsWith("dataset_");
                urls.add(page.path("url").asText());
            }
        }
        return urls;
    }

    private String url(String name) {
        return pages.url(name).toString();
    }
}
