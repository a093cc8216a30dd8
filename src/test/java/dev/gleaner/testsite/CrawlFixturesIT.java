package dev.gleaner.testsite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.crawl.NormalizedUrl;
import dev.gleaner.crawl.UrlNormalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CrawlFixturesIT {
    private final HttpClient client = HttpClient.newHttpClient();
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private final List<TestSite> sites = new ArrayList<>();

    @AfterEach
    void stop() {
        sites.forEach(TestSite::close);
    }

    private TestSite site(TestSite.Builder builder) {
        TestSite site = builder.start();
        sites.add(site);
        return site;
    }

    private HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String text(URI url) throws IOException, InterruptedException {
        return new String(get(url).body(), StandardCharsets.UTF_8);
    }

    private Document page(TestSite site, String path) throws IOException, InterruptedException {
        return Jsoup.parse(text(site.url(path)), site.url(path).toString());
    }

    @Test
    void hasNoRobotsTxtByDefault() throws Exception {
        TestSite site = site(TestSite.builder());

        assertThat(get(site.url(TestSite.ROBOTS)).statusCode()).isEqualTo(404);
    }

    @Test
    void servesTheRobotsTxtItIsGiven() throws Exception {
        TestSite site = site(TestSite.builder().robots("User-agent: *\nDisallow: /private/\n"));

        HttpResponse<byte[]> robots = get(site.url(TestSite.ROBOTS));

        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(robots.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(new String(robots.body(), StandardCharsets.UTF_8)).isEqualTo("User-agent: *\nDisallow: /private/\n");
    }

    @Test
    void answersRobotsTxtWithTheStatusItIsGiven() throws Exception {
        TestSite site = site(TestSite.builder().robotsStatus(503));

        assertThat(get(site.url(TestSite.ROBOTS)).statusCode()).isEqualTo(503);
    }

    @Test
    void theSitemapIndexListsAnXmlAndAGzipSitemapOfGeneratedPages() throws Exception {
        TestSite site = site(TestSite.builder().generatedPages(7));

        Document index = Jsoup.parse(text(site.url(TestSite.SITEMAP_INDEX)), "", org.jsoup.parser.Parser.xmlParser());
        Document pages = Jsoup.parse(text(site.url(TestSite.SITEMAP_PAGES)), "", org.jsoup.parser.Parser.xmlParser());
        HttpResponse<byte[]> more = get(site.url(TestSite.SITEMAP_MORE_GZ));
        String moreXml;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(more.body()))) {
            moreXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(index.select("sitemap > loc").eachText())
                .containsExactly(
                        site.url(TestSite.SITEMAP_PAGES).toString(),
                        site.url(TestSite.SITEMAP_MORE_GZ).toString());
        assertThat(pages.select("url > loc").eachText())
                .containsExactlyElementsOf(strings(site.sitePages().subList(0, 4)));
        assertThat(more.headers().firstValue("content-type")).hasValue("application/gzip");
        assertThat(Jsoup.parse(moreXml, "", org.jsoup.parser.Parser.xmlParser())
                        .select("url > loc")
                        .eachText())
                .containsExactlyElementsOf(strings(site.sitePages().subList(3, 7)));
        assertThat(site.listedIn(TestSite.SITEMAP_PAGES))
                .isEqualTo(site.sitePages().subList(0, 4));
        assertThat(site.listedIn(TestSite.SITEMAP_MORE_GZ))
                .isEqualTo(site.sitePages().subList(3, 7));
    }

    @Test
    void thePlainTextSitemapListsEveryGeneratedPage() throws Exception {
        TestSite site = site(TestSite.builder().generatedPages(4));

        assertThat(text(site.url(TestSite.SITEMAP_TEXT)).lines().toList())
                .containsExactlyElementsOf(strings(site.sitePages()));
    }

    @Test
    void theCalendarLinksToTheMonthBeforeAndAfterWithoutEnd() throws Exception {
        TestSite site = site(TestSite.builder());
        Set<String> visited = new LinkedHashSet<>();
        String path = TestSite.CALENDAR_START;
        for (int step = 0; step < 30; step++) {
            Document month = page(site, path);
            assertThat(visited.add(path)).isTrue();
            List<String> links = month.select("a[href]").eachAttr("href");
            assertThat(links).hasSize(2);
            path = links.get(1);
        }

        assertThat(visited).startsWith("/calendar/2026/11", "/calendar/2026/12", "/calendar/2027/01");
        assertThat(path).isEqualTo("/calendar/2029/05");
        assertThat(page(site, "/calendar/2026/01").select("a[href]").eachAttr("href"))
                .containsExactly("/calendar/2025/12", "/calendar/2026/02");
        assertThat(get(site.url("/calendar/2026/13")).statusCode()).isEqualTo(404);
        assertThat(get(site.url("/calendar/")).statusCode()).isEqualTo(404);
    }

    @Test
    void theVariantsPageLinksToTwoPagesUnderManyNamesThatNormalizeToTwoKeys() throws Exception {
        TestSite site = site(TestSite.builder());
        Document variants = page(site, "/variants");

        List<String> links = variants.select("a[href]").eachAttr("abs:href");
        Set<String> keys = new LinkedHashSet<>();
        for (String link : links) {
            keys.add(normalizer.normalize(link, false).map(NormalizedUrl::key).orElseThrow());
        }

        assertThat(links).hasSize(6);
        assertThat(keys).containsExactly(site.origin() + "/site", site.origin() + "/site/page-1.html");
    }

    @Test
    void theVariantsOfTheFirstPageServeIt() throws Exception {
        TestSite site = site(TestSite.builder());
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        HttpResponse<String> withoutSlash =
                following.send(HttpRequest.newBuilder(site.url("/site")).build(), HttpResponse.BodyHandlers.ofString());
        String first = text(site.siteUrl());

        assertThat(get(site.url("/site")).statusCode()).isEqualTo(301);
        assertThat(withoutSlash.uri()).isEqualTo(site.siteUrl());
        assertThat(withoutSlash.body()).isEqualTo(first);
        assertThat(text(site.url("/site/index.html"))).isEqualTo(first);
        assertThat(text(site.url("/site/?utm_source=variants"))).isEqualTo(first);
    }

    @Test
    void theCanonicalDuplicateHasTheTextOfPageOneAndNamesItCanonical() throws Exception {
        TestSite site = site(TestSite.builder());

        Document duplicate = page(site, "/canonical-dup");
        Document original = page(site, "/site/page-1.html");

        assertThat(duplicate.select("link[rel=canonical]").attr("href"))
                .isEqualTo(site.url("/site/page-1.html").toString());
        assertThat(duplicate.select("main").text())
                .isEqualTo(original.select("main").text());
    }

    @Test
    void theMetaRobotsPagesSayNoindexAndNofollow() throws Exception {
        TestSite site = site(TestSite.builder());

        Document noindex = page(site, "/noindex");
        Document nofollow = page(site, "/nofollow");

        assertThat(noindex.select("meta[name=robots]").attr("content")).isEqualTo("noindex");
        assertThat(noindex.select("a[href]").eachAttr("href")).containsExactly("/out/a.html");
        assertThat(nofollow.select("meta[name=robots]").attr("content")).isEqualTo("nofollow");
        assertThat(nofollow.select("a[href]").eachAttr("href")).containsExactly("/out/b.html");
    }

    private static List<String> strings(List<URI> urls) {
        return urls.stream().map(URI::toString).toList();
    }
}
