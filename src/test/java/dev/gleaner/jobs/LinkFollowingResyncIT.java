package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.store.Database;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link-following crawl of a site it crawled before asks about every page with a conditional request, and follows the
 * links recorded with a page its server says is unchanged (304): a documentation section whose pages are reachable
 * only one through the other is found again in full without a page being read, a sync of it removes nothing until a
 * page really loses its link, and a page that asked not to be followed is not followed after a 304 either.
 */
@Timeout(120)
class LinkFollowingResyncIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String SOURCE = "src_handbook";

    @TempDir
    Path data;

    private final CountingEmbedder embedder = new CountingEmbedder(new HashingEmbedder(TestApp.MODEL, 384));
    private final ConditionalPages pages = new ConditionalPages();
    private TestApp app;
    private TestSite site;
    private Kb kb;

    @BeforeEach
    void start() {
        app = TestApp.start(TestApp.config(data), embedder);
        site = TestSite.start();
        pages.put("index", "Harbour handbook", "Everything a visiting crew needs to know.", "install");
        pages.put("install", "Arriving by sea", "Call the harbour master on channel twelve.", "configure");
        pages.put("configure", "Mooring a boat", "Moor stern-to with two lines at the pontoon.", "tuning");
        pages.putNofollow("tuning", "Leaving at night", "Show a white light astern after sunset.", "hidden");
        pages.put("hidden", "Crew only", "The code of the crew room is changed every week.", "index");
        site.routeUnder(ConditionalPages.ROOT, pages::serve);
        kb = Kb.create(app.newOwner());
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void aCrawlToldThatPagesAreUnchangedFollowsTheLinksTheyHadAndFindsEveryPageAgain() {
        JsonNode first = crawl();
        long embedded = embedder.texts();
        int requestsBefore = site.requests().size();

        JsonNode second = crawl();

        assertThat(outcomes(first)).containsOnlyKeys(urls("index", "install", "configure", "tuning"));
        assertThat(outcomes(first).values()).containsOnly("ingested");
        assertThat(outcomes(second)).containsOnlyKeys(urls("index", "install", "configure", "tuning"));
        assertThat(outcomes(second).values()).containsOnly("unchanged");
        assertThat(second.path("done").asLong()).isEqualTo(4);
        assertThat(site.requests().subList(requestsBefore, site.requests().size()))
                .filteredOn(request -> request.pathAndQuery().startsWith(ConditionalPages.ROOT))
                .hasSize(4)
                .allSatisfy(
                        request -> assertThat(request.header("if-none-match")).isNotNull());
        assertThat(pages.fullPages()).as("pages served in full by both crawls").isEqualTo(4);
        assertThat(pages.notModified()).isEqualTo(4);
        assertThat(embedder.texts()).as("texts embedded by the second crawl").isEqualTo(embedded);
        assertThat(site.hits(ConditionalPages.ROOT + "hidden.html"))
                .as("the nofollow page's link")
                .isZero();
    }

    @Test
    void aSyncRemovesNothingWhileTheChainIsUnchangedAndWhatOnlyALostLinkReachedOnceItIsLost() {
        sync();
        JsonNode unchanged = sync();
        pages.put("configure", "Mooring a boat", "Moor stern-to with two lines at the pontoon.", null);
        JsonNode unlinked = sync();

        assertThat(unchanged.path("changes").path("unchanged").asLong()).isEqualTo(4);
        assertThat(unchanged.path("changes").path("removed").asLong()).isZero();
        assertThat(outcomes(unlinked))
                .containsEntry(url("index"), "unchanged")
                .containsEntry(url("install"), "unchanged")
                .containsEntry(url("configure"), "updated")
                .containsEntry(url("tuning"), "removed");
        assertThat(site.hits(ConditionalPages.ROOT + "tuning.html"))
                .as("requests for the page no longer linked, over three syncs")
                .isEqualTo(2);
        assertThat(unlinked.path("changes").path("removed").asLong()).isEqualTo(1);
        assertThat(datasetUrls()).containsExactlyInAnyOrderElementsOf(urls("index", "install", "configure"));
    }

    @Test
    void aPageWhoseLinksWereNotRecordedIsFetchedInFullAndRecordsThem() throws SQLException {
        crawl();
        try (Connection connection =
                        DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Database.SQLITE_FILE_NAME));
                Statement statement = connection.createStatement()) {
            // As a dataset stored before links were recorded.
            statement.executeUpdate("UPDATE dataset_files SET links = NULL");
        }
        int requestsBefore = site.requests().size();

        JsonNode unconditional = crawl();
        int requestsBetween = site.requests().size();
        JsonNode conditional = crawl();

        assertThat(outcomes(unconditional).values()).hasSize(4).containsOnly("unchanged");
        assertThat(site.requests().subList(requestsBefore, requestsBetween))
                .filteredOn(request -> request.pathAndQuery().startsWith(ConditionalPages.ROOT))
                .hasSize(4)
                .allSatisfy(
                        request -> assertThat(request.header("if-none-match")).isNull());
        assertThat(outcomes(conditional).values()).hasSize(4).containsOnly("unchanged");
        assertThat(site.requests().subList(requestsBetween, site.requests().size()))
                .filteredOn(request -> request.pathAndQuery().startsWith(ConditionalPages.ROOT))
                .hasSize(4)
                .allSatisfy(
                        request -> assertThat(request.header("if-none-match")).isNotNull());
    }

    private JsonNode crawl() {
        JsonNode job = kb.awaitFinished(kb.crawl(Map.of("url", pages.url(site, "index"), "sitemap", "skip")), WITHIN);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        return job;
    }

    private JsonNode sync() {
        CrawlSpec spec = new CrawlSpec(
                JobMode.CRAWL,
                pages.url(site, "index"),
                100,
                CrawlSpec.DEFAULT_MAX_DEPTH,
                List.of(),
                List.of(),
                false,
                false,
                SitemapPolicy.SKIP,
                false);
        JsonNode job = kb.awaitFinished(app.startSync(kb, spec, SOURCE), WITHIN);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        return job;
    }

    private String url(String name) {
        return pages.url(site, name);
    }

    private List<String> urls(String... names) {
        return java.util.Arrays.stream(names).map(this::url).toList();
    }

    private List<String> datasetUrls() {
        List<String> urls = new java.util.ArrayList<>();
        kb.datasets().forEach(dataset -> urls.add(dataset.path("fileUrl").asText()));
        return urls;
    }

    private Map<String, String> outcomes(JsonNode job) {
        JsonNode listed = kb.api()
                .get(kb.path() + "/crawl/jobs/" + job.path("jobId").asText() + "/pages?limit=100")
                .json()
                .path("pages");
        Map<String, String> outcomes = new LinkedHashMap<>();
        listed.forEach(page ->
                outcomes.put(page.path("url").asText(), page.path("outcome").asText()));
        return outcomes;
    }

    /**
     * A handbook in the shape a static site generator gives it (header, sidebar, article, footer), each page linking on
     * only to the next: a page is reachable only through the one before it. Pages carry an ETag of their HTML and
     * answer a matching {@code If-None-Match} with 304.
     */
    private static final class ConditionalPages {
        static final String ROOT = "/handbook/";

        private final Map<String, String> html = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicInteger fullPages =
                new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger notModified =
                new java.util.concurrent.atomic.AtomicInteger();

        void put(String name, String title, String text, @org.jspecify.annotations.Nullable String next) {
            html.put(name, page(title, text, next, ""));
        }

        void putNofollow(String name, String title, String text, String next) {
            html.put(name, page(title, text, next, "<meta name=\"robots\" content=\"nofollow\">\n"));
        }

        String url(TestSite site, String name) {
            return site.url(ROOT + name + ".html").toString();
        }

        int fullPages() {
            return fullPages.get();
        }

        int notModified() {
            return notModified.get();
        }

        void serve(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String name = path.substring(ROOT.length()).replace(".html", "");
            String page = html.get(name);
            if (page == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String etag = "\"" + Integer.toHexString(page.hashCode()) + "\"";
            exchange.getResponseHeaders().set("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            fullPages.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }

        private static String page(
                String title, String text, @org.jspecify.annotations.Nullable String next, String meta) {
            String link = next == null ? "" : "<p>Read on: <a href=\"" + next + ".html\">the next chapter</a>.</p>\n";
            return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" + meta
                    + "<title>" + title + " - Harbour handbook</title>\n</head>\n<body>\n"
                    + "<header class=\"md-header\"><a href=\"index.html\" class=\"md-logo\">Harbour handbook</a></header>\n"
                    + "<nav class=\"md-nav\" aria-label=\"Navigation\"><a href=\"index.html\">Home</a></nav>\n"
                    + "<main class=\"md-main\"><article class=\"md-content__inner\">\n<h1>" + title + "</h1>\n"
                    + "<p>" + text + " The harbour office is open from eight in the morning until six in the"
                    + " evening, and visiting crews are asked to report their arrival there before going ashore.</p>\n"
                    + "<p>Fresh water and shore power are available on every pontoon; ask at the office for a card"
                    + " and return it when you leave. Fuel is sold at the quay on weekday mornings only.</p>\n"
                    + link + "</article></main>\n"
                    + "<footer class=\"md-footer\">Made with care by the harbour association.</footer>\n"
                    + "</body>\n</html>\n";
        }
    }
}
