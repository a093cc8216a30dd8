package dev.gleaner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.SinglePageApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawls of a single-page application, whose text and links exist only once its script ran, through the running
 * service: rendered when the job's {@code render} asks for it, read as it is served when it does not; a rendered page's
 * unchanged shell never stands for its text.
 */
class RenderingIT {
    private static final int PAGES = 3;
    private static final Duration WITHIN = Duration.ofMinutes(2);

    @TempDir
    Path data;

    @Test
    void withRenderAutoTheApplicationsTextIsSearchableAndItsLinksAreFollowed() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.start()) {
            SinglePageApp spa = SinglePageApp.on(site, PAGES);
            Kb kb = Kb.create(app.newOwner());

            JsonNode job = crawl(kb, spa, "auto");

            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(outcomes(kb, job)).containsOnly("ingested").hasSize(PAGES);
            JsonNode hits = kb.query("On day 2 the harbour sees " + SinglePageApp.word(2), 1, 0.0);
            assertThat(hits.get(0).path("sourceUrl").asText())
                    .isEqualTo(spa.page(2).toString());
            // Each page's document was fetched once, by the crawler; the browser was given those bytes.
            assertThat(site.hits("/spa/p/1")).isEqualTo(1);
            assertThat(site.hits("/spa/data/2.json")).isEqualTo(1);
        }
    }

    @Test
    void aRenderedPageIsReadAgainInFullThoughItsShellIsUnchangedSoEditedDataIsFound() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.start()) {
            SinglePageApp spa = SinglePageApp.on(site, PAGES);
            Kb kb = Kb.create(app.newOwner());
            crawl(kb, spa, "auto");
            int requestsBefore = site.requests().size();
            spa.edit(2, "A new breakwater shelters the anchorage since the spring.");

            JsonNode again = crawl(kb, spa, "auto");

            assertThat(again.path("status").asText()).isEqualTo("completed");
            assertThat(outcomes(kb, again)).containsExactlyInAnyOrder("unchanged", "updated", "unchanged");
            assertThat(site.requests().subList(requestsBefore, site.requests().size()))
                    .filteredOn(request -> request.pathAndQuery().startsWith("/spa/p/"))
                    .hasSize(PAGES)
                    .allSatisfy(request ->
                            assertThat(request.header("if-none-match")).isNull());
            JsonNode hits = kb.query("new breakwater shelters the anchorage", 1, 0.0);
            assertThat(hits.get(0).path("sourceUrl").asText())
                    .isEqualTo(spa.page(2).toString());
        }
    }

    @Test
    void withRenderNeverThePageIsReadAsServedAndHasNothingToIndex() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.start()) {
            SinglePageApp spa = SinglePageApp.on(site, PAGES);
            Kb kb = Kb.create(app.newOwner());

            JsonNode job = crawl(kb, spa, "never");

            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(outcomes(kb, job)).containsExactly("empty");
            assertThat(site.hits("/spa/app.js")).isZero();
        }
    }

    @Test
    void aPageThatNeedsJavaScriptFailsNamingTheRendererWhenNoBrowserStarts() {
        try (TestApp app = TestApp.start(data, c -> c.withRender(r -> r.withChromium("/nonexistent/chromium")));
                TestSite site = TestSite.start()) {
            SinglePageApp spa = SinglePageApp.on(site, PAGES);
            TestApi api = app.newOwner();
            Kb kb = Kb.create(api);

            JsonNode job = crawl(kb, spa, "auto");

            JsonNode page = pages(kb, job).get(0);
            assertThat(page.path("outcome").asText()).isEqualTo("failed");
            assertThat(page.path("reason").asText())
                    .startsWith("The page shows its text only with JavaScript, and it could not be rendered:"
                            + " Chromium could not be started (/nonexistent/chromium: it could not be run")
                    .endsWith("Install chromium, or pass --chromium with the path of a Chromium or Chrome"
                            + " executable");
        }
    }

    private static JsonNode crawl(Kb kb, SinglePageApp spa, String render) {
        String jobId = kb.crawl(Map.of(
                "url",
                spa.page(1).toString(),
                "crawlEntireDomain",
                true,
                "maxDepth",
                5,
                "sitemap",
                "skip",
                "render",
                render));
        return kb.awaitFinished(jobId, WITHIN);
    }

    private static List<JsonNode> pages(Kb kb, JsonNode job) {
        List<JsonNode> pages = new ArrayList<>();
        kb.api()
                .get(kb.path() + "/crawl/jobs/" + job.path("jobId").asText() + "/pages?limit=100")
                .json()
                .path("pages")
                .forEach(pages::add);
        return pages;
    }

    private static List<String> outcomes(Kb kb, JsonNode job) {
        return pages(kb, job).stream().map(p -> p.path("outcome").asText()).toList();
    }
}
