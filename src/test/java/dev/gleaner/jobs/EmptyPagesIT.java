package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables of contents and generated index pages end {@code empty}: no dataset, but their links are crawled. */
class EmptyPagesIT {
    private static final Duration WITHIN = Duration.ofSeconds(90);

    @TempDir
    Path data;

    @Test
    void linkOnlyPagesEndEmptyWithoutADatasetWhileTheirLinksAreCrawled() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.start()) {
            serveDocs(site);
            Kb kb = Kb.create(app.newOwner());

            String jobId =
                    kb.crawl(Map.of("url", site.url("/docs/").toString(), "crawlEntireDomain", true, "maxDepth", 3));
            JsonNode job = kb.awaitFinished(jobId, WITHIN);

            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(job.path("failed").asLong()).isZero();
            // Three link-only pages and the three pages only they link to, all counted done.
            assertThat(job.path("total").asLong()).isEqualTo(6);
            assertThat(job.path("done").asLong()).isEqualTo(6);

            JsonNode empty = pages(kb, jobId, "empty");
            assertThat(urls(empty))
                    .containsExactlyInAnyOrder(
                            site.url("/docs/").toString(),
                            site.url("/docs/guide/").toString(),
                            site.url("/docs/genindex-A.html").toString());
            for (JsonNode page : empty) {
                assertThat(page.path("reason").asText())
                        .as(page.path("url").asText())
                        .startsWith("The page's main content is only links (")
                        .endsWith("words of text): nothing to index; its links were followed");
                assertThat(page.has("datasetId")).isFalse();
            }
            assertThat(pages(kb, jobId, "duplicate")).isEmpty();
            assertThat(urls(pages(kb, jobId, "ingested")))
                    .containsExactlyInAnyOrder(
                            site.url("/docs/install.html").toString(),
                            site.url("/docs/configure.html").toString(),
                            site.url("/docs/api.html").toString());

            JsonNode datasets = kb.datasets();
            assertThat(datasets).hasSize(3);
            for (JsonNode dataset : datasets) {
                assertThat(dataset.path("chunkCount").asLong())
                        .as(dataset.path("sourceUrl").asText())
                        .isPositive();
            }
        }
    }

    @Test
    void anUploadWithoutTextIsRefusedAndStoresNoDataset() {
        try (TestApp app = TestApp.start(data)) {
            Kb kb = Kb.create(app.newOwner());
            byte[] imageOnly =
                    "<html><head><title>Diagram</title></head><body><main><img src=\"d.png\"></main></body></html>"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

            TestApi.Response response =
                    kb.api().upload(kb.path() + "/datasets", "dataset", "diagram.html", "text/html", imageOnly);

            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.json().path("error").path("message").asText()).contains("no text to index");
            assertThat(kb.datasets()).isEmpty();
        }
    }

    private static void serveDocs(TestSite site) {
        // Two tables of contents whose link lists are dropped as navigation: their text is the same title and nothing
        // else, which is what made the second one a "duplicate" of the first.
        site.page("/docs/", toc("Contents", List.of("guide/", "install.html", "genindex-A.html")));
        site.page("/docs/guide/", toc("Contents", List.of("../configure.html", "../install.html", "../")));
        site.page("/docs/genindex-A.html", genindex());
        site.page("/docs/install.html", article("Installing", "Download the archive and unpack it into /opt/widget."));
        site.page(
                "/docs/configure.html",
                article("Configuring", "The widget reads widget.toml from its working directory at start."));
        site.page("/docs/api.html", article("API", "widget.start() opens the control port and serves requests."));
    }

    private static String toc(String title, List<String> hrefs) {
        String items = hrefs.stream()
                .map(href -> "<li><a href=\"" + href + "\">The chapter at " + href + " of this guide</a></li>")
                .collect(Collectors.joining());
        return "<html><head><title>" + title + "</title></head><body><main><h1>" + title
                + "</h1><div class=toctree-wrapper><ul>" + items + "</ul></div></main></body></html>";
    }

    private static String genindex() {
        String entries = IntStream.range(0, 12)
                .mapToObj(i -> "<li><a href=\"" + (i % 2 == 0 ? "api.html" : "configure.html") + "#entry" + i
                        + "\">add_handler" + i + "() (widget.Server method)</a></li>")
                .collect(Collectors.joining());
        return "<html><head><title>Index</title></head><body><div role=main><h1>Index</h1>"
                + "<div class=genindex-jumpbox><a href=\"#A\">A</a> | <a href=\"#B\">B</a></div>"
                + "<h2 id=A>A</h2><table class=indextable><tr><td><ul>" + entries + "</ul></td></tr></table>"
                + "</div></body></html>";
    }

    private static String article(String title, String sentence) {
        return "<html><head><title>" + title + "</title></head><body><main><h1>" + title + "</h1><p>" + sentence
                + " " + sentence + "</p><p>Read this page to the end before you go on to the next step.</p>"
                + "</main></body></html>";
    }

    private static JsonNode pages(Kb kb, String jobId, String outcome) {
        return kb.api()
                .get(kb.path() + "/crawl/jobs/" + jobId + "/pages?outcome=" + outcome)
                .json()
                .path("pages");
    }

    private static List<String> urls(JsonNode pages) {
        List<String> urls = new ArrayList<>();
        pages.forEach(page -> urls.add(page.path("url").asText()));
        return urls;
    }
}
