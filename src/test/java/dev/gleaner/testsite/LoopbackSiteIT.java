package dev.gleaner.testsite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.crawl.NormalizedUrl;
import dev.gleaner.crawl.UrlNormalizer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class LoopbackSiteIT {
    private final HttpClient client = HttpClient.newHttpClient();
    private final UrlNormalizer normalizer = new UrlNormalizer();

    private HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBreadthFirstWalkFromTheFirstPageReachesEveryGeneratedPageOnce() throws Exception {
        int pages = 40;
        try (TestSite site = TestSite.withGeneratedSite(pages)) {
            Set<String> seen = new HashSet<>();
            Set<String> texts = new LinkedHashSet<>();
            Queue<URI> queue = new ArrayDeque<>();
            NormalizedUrl start =
                    normalizer.normalize(site.siteUrl().toString(), false).orElseThrow();
            seen.add(start.key());
            queue.add(start.uri());
            while (!queue.isEmpty()) {
                URI url = queue.remove();
                Document page = Jsoup.parse(get(url).body(), url.toString());
                texts.add(page.select("main p").text());
                for (String href : page.select("a[href]").eachAttr("href")) {
                    normalizer
                            .resolve(url, href, false)
                            .filter(link -> link.uri().getPath().startsWith("/site/"))
                            .filter(link -> seen.add(link.key()))
                            .ifPresent(link -> queue.add(link.uri()));
                }
            }

            assertThat(seen).hasSize(pages);
            assertThat(texts).as("distinct article text per page").hasSize(pages);
            for (URI page : site.sitePages()) {
                assertThat(site.hits(page.getRawPath())).as(page.toString()).isEqualTo(1);
            }
        }
    }

    @Test
    void recordsEveryRequestAndAnswersUnknownPathsWith404() throws Exception {
        try (TestSite site = TestSite.start()) {
            assertThat(get(site.url("/nothing-here?x=1")).statusCode()).isEqualTo(404);
            assertThat(get(site.url("/missing")).statusCode()).isEqualTo(404);

            assertThat(site.requests())
                    .extracting(TestSite.Request::method, TestSite.Request::pathAndQuery)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("GET", "/nothing-here?x=1"),
                            org.assertj.core.groups.Tuple.tuple("GET", "/missing"));
            assertThat(site.hits("/missing")).isEqualTo(1);
        }
    }

    @Test
    void servesRegisteredPagesAndResponses() throws Exception {
        try (TestSite site = TestSite.start()) {
            site.page("/custom", "<p>Custom page</p>")
                    .respond(
                            "/teapot",
                            418,
                            "text/plain",
                            "short and stout".getBytes(StandardCharsets.UTF_8),
                            Map.of("X-Kind", "teapot"));

            HttpResponse<String> custom = get(site.url("/custom"));
            HttpResponse<String> teapot = get(site.url("/teapot"));

            assertThat(custom.body()).isEqualTo("<p>Custom page</p>");
            assertThat(custom.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(teapot.statusCode()).isEqualTo(418);
            assertThat(teapot.headers().firstValue("x-kind")).hasValue("teapot");
        }
    }

    @Test
    void theOutPageLinksOutOfScopeAndInScope() throws Exception {
        try (TestSite site = TestSite.start()) {
            Document out =
                    Jsoup.parse(get(site.url("/out")).body(), site.url("/out").toString());

            assertThat(out.select("a[href]").eachAttr("abs:href"))
                    .contains(
                            "http://127.0.0.2:" + site.port() + "/x",
                            "http://example.invalid/",
                            site.url("/out/a.html").toString(),
                            site.url("/out/b.html").toString());
        }
    }
}
