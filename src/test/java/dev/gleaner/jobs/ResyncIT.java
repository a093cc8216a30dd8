package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.RevalidatingSite;
import dev.gleaner.testsite.TestSite;
import java.net.URI;
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
 * Crawling the same site into the same knowledgebase again: pages whose links are not needed are fetched with the
 * validators stored with their datasets, and a 304 confirms the dataset without embedding anything; a sitemap job does
 * not fetch a page whose {@code lastmod} is not after its last fetch; a crawl asks about every page too, following the
 * links recorded with the pages that are unchanged ({@link LinkFollowingResyncIT}).
 */
class ResyncIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final int PAGES = 5;

    private final CountingEmbedder embedder = new CountingEmbedder(new HashingEmbedder(TestApp.MODEL, 384));
    private TestApp app;
    private TestSite site;
    private RevalidatingSite pages;

    @BeforeEach
    void start(@TempDir Path data) {
        app = TestApp.start(TestApp.config(data), embedder);
        site = TestSite.builder().generatedPages(PAGES).start();
        pages = RevalidatingSite.over(site, Instant.now().minus(Duration.ofDays(1)));
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void aSecondImportOfAnUnchangedSiteIsAnsweredWith304sAndEmbedsNothing() {
        Kb kb = Kb.create(app.newOwner());
        JsonNode first = run(kb, batch());
        long embedded = embedder.texts();
        int requestsBefore = site.requests().size();

        JsonNode second = run(kb, batch());

        assertThat(outcomes(kb, first)).containsOnly("ingested").hasSize(PAGES);
        assertThat(outcomes(kb, second)).containsOnly("unchanged").hasSize(PAGES);
        assertThat(second.path("done").asLong()).isEqualTo(PAGES);
        assertThat(second.path("changes").path("unchanged").asLong()).isEqualTo(PAGES);
        assertThat(embedder.texts()).as("texts embedded by the second import").isEqualTo(embedded);
        assertThat(pages.notModified()).isEqualTo(PAGES);
        assertThat(pages.fullPages()).as("full pages served in all").isEqualTo(PAGES);
        assertThat(site.requests().subList(requestsBefore, site.requests().size()))
                .filteredOn(request -> request.pathAndQuery().startsWith(GeneratedSite.ROOT))
                .hasSize(PAGES)
                .allSatisfy(
                        request -> assertThat(request.header("if-none-match")).isNotNull())
                .allSatisfy(request ->
                        assertThat(request.header("if-modified-since")).isNotNull());
    }

    @Test
    void anEditedPageIsUpdatedWhileTheOthersAreConfirmedBy304() {
        Kb kb = Kb.create(app.newOwner());
        run(kb, batch());
        pages.edit(2, Instant.now());
        long embedded = embedder.texts();

        JsonNode again = run(kb, batch());

        Map<String, String> byUrl = outcomesByUrl(kb, again);
        assertThat(byUrl).containsEntry(pages.pages().get(2).toString(), "updated");
        assertThat(byUrl.values()).filteredOn("unchanged"::equals).hasSize(PAGES - 1);
        assertThat(again.path("changes").path("updated").asLong()).isEqualTo(1);
        assertThat(pages.notModified()).isEqualTo(PAGES - 1);
        assertThat(embedder.texts()).as("only the edited page is embedded").isGreaterThan(embedded);
        assertThat(kb.query("when does the harbour ferry sail", 5, 0.0).toString())
                .contains("Revised edition 1");
    }

    @Test
    void aSitemapSyncDoesNotFetchPagesNotModifiedSinceTheirLastFetch() {
        Kb kb = Kb.create(app.newOwner());
        JsonNode first = run(kb, sitemap());
        long embedded = embedder.texts();
        int requestsBefore = site.requests().size();

        JsonNode second = run(kb, sitemap());

        assertThat(outcomes(kb, first)).containsOnly("ingested").hasSize(PAGES);
        assertThat(outcomes(kb, second)).containsOnly("unchanged").hasSize(PAGES);
        assertThat(second.path("status").asText()).isEqualTo("completed");
        assertThat(second.path("done").asLong()).isEqualTo(PAGES);
        assertThat(second.path("changes").path("unchanged").asLong()).isEqualTo(PAGES);
        assertThat(pageRequests(requestsBefore))
                .as("page requests of the second sync")
                .isEmpty();
        assertThat(embedder.texts()).isEqualTo(embedded);

        pages.edit(1, Instant.now().plusSeconds(2));
        int beforeThird = site.requests().size();
        JsonNode third = run(kb, sitemap());

        Map<String, String> byUrl = outcomesByUrl(kb, third);
        assertThat(byUrl).containsEntry(pages.pages().get(1).toString(), "updated");
        assertThat(byUrl.values()).filteredOn("unchanged"::equals).hasSize(PAGES - 1);
        assertThat(pageRequests(beforeThird)).containsExactly(GeneratedSite.path(1));
    }

    @Test
    void aCrawlAsksAboutEveryPageAndFollowsTheLinksOfThoseThatAreUnchanged() {
        Kb kb = Kb.create(app.newOwner());
        JsonNode first = run(kb, Map.of("url", site.siteUrl().toString(), "maxDepth", 1, "sitemap", "skip"));
        int requestsBefore = site.requests().size();
        long embedded = embedder.texts();

        JsonNode second = run(kb, Map.of("url", site.siteUrl().toString(), "maxDepth", 1, "sitemap", "skip"));

        assertThat(outcomes(kb, first)).containsOnly("ingested").hasSize(PAGES);
        assertThat(outcomes(kb, second)).containsOnly("unchanged").hasSize(PAGES);
        assertThat(embedder.texts()).isEqualTo(embedded);
        assertThat(site.requests().subList(requestsBefore, site.requests().size()))
                .filteredOn(request -> request.pathAndQuery().startsWith(GeneratedSite.ROOT))
                .hasSize(PAGES)
                .allSatisfy(
                        request -> assertThat(request.header("if-none-match")).isNotNull());
        assertThat(pages.notModified()).isEqualTo(PAGES);
    }

    @Test
    void syncsWhosePagesAreConfirmedBy304OrLastmodRemoveNothing() {
        Kb kb = Kb.create(app.newOwner());
        List<String> urls = pages.pages().stream().map(URI::toString).toList();
        CrawlSpec batch = new CrawlSpec(
                JobMode.BATCH, null, 100, 3, List.of(), List.of(), false, false, SitemapPolicy.SKIP, false);
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
        kb.awaitFinished(app.startSync(kb, batch, "src_resync", urls), WITHIN);

        JsonNode byConditionalRequests = kb.awaitFinished(app.startSync(kb, batch, "src_resync", urls), WITHIN);
        JsonNode byLastmod = kb.awaitFinished(app.startSync(kb, sitemap, "src_resync"), WITHIN);

        for (JsonNode sync : List.of(byConditionalRequests, byLastmod)) {
            assertThat(sync.path("status").asText()).as(sync.toString()).isEqualTo("completed");
            assertThat(sync.path("changes").path("unchanged").asLong()).isEqualTo(PAGES);
            assertThat(sync.path("changes").path("removed").asLong()).isZero();
        }
        assertThat(pages.notModified()).isEqualTo(PAGES);
        assertThat(kb.datasets()).hasSize(PAGES);
    }

    private Map<String, Object> batch() {
        return Map.of("urls", pages.pages().stream().map(URI::toString).toList());
    }

    private Map<String, Object> sitemap() {
        return Map.of("mode", "sitemap", "url", site.url("/").toString());
    }

    private List<String> pageRequests(int from) {
        return site.requests().subList(from, site.requests().size()).stream()
                .map(TestSite.Request::pathAndQuery)
                .filter(path -> path.startsWith(GeneratedSite.ROOT))
                .toList();
    }

    private static JsonNode run(Kb kb, Map<String, Object> request) {
        JsonNode job = kb.awaitFinished(kb.crawl(request), WITHIN);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        return job;
    }

    private static List<String> outcomes(Kb kb, JsonNode job) {
        return new ArrayList<>(outcomesByUrl(kb, job).values());
    }

    private static Map<String, String> outcomesByUrl(Kb kb, JsonNode job) {
        JsonNode listed = kb.api()
                .get(kb.path() + "/crawl/jobs/" + job.path("jobId").asText() + "/pages?limit=100")
                .json()
                .path("pages");
        Map<String, String> outcomes = new java.util.LinkedHashMap<>();
        listed.forEach(page ->
                outcomes.put(page.path("url").asText(), page.path("outcome").asText()));
        return outcomes;
    }
}
