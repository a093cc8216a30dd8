package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testsite.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SitemapReaderIT {
    private static final long BODY_CAP = 64 * 1024;
    private static final FetchLimits LIMITS =
            new FetchLimits(Duration.ofSeconds(5), Duration.ofSeconds(20), BODY_CAP, 5, "GleanerBot/1.0");

    /** Resolves only the test site's address, so no request can leave this machine. */
    private static final AddressGuard LOOPBACK_ONLY = new AddressGuard(true, host -> {
        if (!host.equals(TestSite.HOST)) {
            throw new UnknownHostException(host);
        }
        return InetAddress.getAllByName(host);
    });

    private TestSite site;
    private HttpFetcher fetcher;
    private SitemapReader reader;

    @BeforeEach
    void start() {
        site = TestSite.withGeneratedSite(9);
        fetcher = new HttpFetcher(LIMITS, LOOPBACK_ONLY);
        reader = new SitemapReader(fetcher, SitemapLimits.DEFAULTS);
    }

    @AfterEach
    void stop() {
        fetcher.close();
        site.close();
    }

    private String at(String path) {
        return site.origin() + path;
    }

    private static List<String> strings(List<URI> urls) {
        return urls.stream().map(URI::toString).toList();
    }

    @Test
    void followsAnIndexToXmlAndGzipSitemapsAndListsEachUrlOnceInOrder() {
        SitemapDiscovery found = reader.discover(site.siteUrl(), List.of(at(TestSite.SITEMAP_INDEX)));

        assertThat(site.listedIn(TestSite.SITEMAP_MORE_GZ).getFirst())
                .isEqualTo(site.listedIn(TestSite.SITEMAP_PAGES).getLast());
        assertThat(found.urls()).containsExactlyElementsOf(strings(site.sitePages()));
        assertThat(found.sitemaps())
                .containsExactly(at(TestSite.SITEMAP_INDEX), at(TestSite.SITEMAP_PAGES), at(TestSite.SITEMAP_MORE_GZ));
        assertThat(found.problems()).isEmpty();
    }

    @Test
    void readsAPlainTextSitemap() {
        SitemapDiscovery found = reader.discover(site.siteUrl(), List.of(at(TestSite.SITEMAP_TEXT)));

        assertThat(found.urls()).containsExactlyElementsOf(strings(site.listedIn(TestSite.SITEMAP_TEXT)));
        assertThat(found.problems()).isEmpty();
    }

    @Test
    void readsAllSitemapsRobotsTxtNamesAndDeduplicatesAcrossThem() {
        SitemapDiscovery found =
                reader.discover(site.siteUrl(), List.of(at(TestSite.SITEMAP_TEXT), at(TestSite.SITEMAP_INDEX)));

        assertThat(found.urls()).containsExactlyElementsOf(strings(site.sitePages()));
        assertThat(found.sitemaps()).hasSize(4);
    }

    @Test
    void readsSitemapXmlWhenRobotsTxtNamesNone() {
        site.respond("/sitemap.xml", 200, "text/xml", bytes(urlset(at("/a.html"), at("/b.html"))), Map.of());

        SitemapDiscovery found = reader.discover(site.url("/some/page.html"), List.of());

        assertThat(found.urls()).containsExactly(at("/a.html"), at("/b.html"));
        assertThat(site.hits("/sitemap.xml")).isEqualTo(1);
    }

    @Test
    void aMissingSitemapIsAProblem() {
        SitemapDiscovery found = reader.discover(site.siteUrl(), List.of());

        assertThat(found.urls()).isEmpty();
        assertThat(found.sitemaps()).isEmpty();
        assertThat(found.problems())
                .singleElement()
                .asString()
                .contains(at("/sitemap.xml"))
                .contains("HTTP 404");
    }

    @Test
    void readsAtomAndRssFeeds() {
        String atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>News</title>"
                + "<entry><title>One</title><link href=\"" + at("/news/1") + "\"/>"
                + "<updated>2026-11-01T00:00:00Z</updated></entry></feed>";
        String rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>"
                + "<item><title>Two</title><link>" + at("/news/2") + "</link></item></channel></rss>";
        site.respond("/feed.atom", 200, "application/atom+xml", bytes(atom), Map.of());
        site.respond("/feed.rss", 200, "application/rss+xml", bytes(rss), Map.of());

        SitemapDiscovery found = reader.discover(site.siteUrl(), List.of(at("/feed.atom"), at("/feed.rss")));

        assertThat(found.urls()).containsExactly(at("/news/1"), at("/news/2"));
        assertThat(found.problems()).isEmpty();
    }

    @Test
    void readsAGzipSitemapWhoseNameDoesNotSayGz() {
        site.respond("/compressed", 200, "application/octet-stream", gzip(bytes(urlset(at("/z.html")))), Map.of());

        SitemapDiscovery found = reader.discover(site.siteUrl(), List.of(at("/compressed")));

        assertThat(found.urls()).containsExactly(at("/z.html"));
    }

    @Test
    void stopsAtTheUrlCap() {
        SitemapReader capped = new SitemapReader(fetcher, new SitemapLimits(3, 50, 2, 1024 * 1024));

        SitemapDiscovery found = capped.discover(site.siteUrl(), List.of(at(TestSite.SITEMAP_INDEX)));

        assertThat(found.urls())
                .containsExactlyElementsOf(strings(site.sitePages().subList(0, 3)));
        assertThat(found.problems()).singleElement().asString().contains("Stopped at 3 URLs");
        assertThat(site.hits(TestSite.SITEMAP_MORE_GZ)).isZero();
    }

    @Test
    void listingExactlyTheUrlCapIsNoProblem() {
        SitemapReader capped = new SitemapReader(fetcher, new SitemapLimits(9, 50, 2, 1024 * 1024));

        SitemapDiscovery found = capped.discover(site.siteUrl(), List.of(at(TestSite.SITEMAP_TEXT)));

        assertThat(found.urls()).hasSize(9);
        assertThat(found.problems()).isEmpty();
    }

    @Test
    void stopsAtTheSitemapFileCap() {
        SitemapReader capped = new SitemapReader(fetcher, new SitemapLimits(1000, 2, 2, 1024 * 1024));

        SitemapDiscovery found = capped.discover(site.siteUrl(), List.of(at(TestSite.SITEMAP_INDEX)));

        assertThat(found.urls()).containsExactlyElementsOf(strings(site.listedIn(TestSite.SITEMAP_PAGES)));
        assertThat(found.problems())
                .singleElement()
                .asString()
                .contains("Stopped after reading 2 sitemap files")
                .contains(TestSite.SITEMAP_MORE_GZ);
        assertThat(site.hits(TestSite.SITEMAP_MORE_GZ)).isZero();
    }

    @Test
    void stopsAtTheIndexDepthCap() {
        SitemapReader flat = new SitemapReader(fetcher, new SitemapLimits(1000, 50, 0, 1024 * 1024));

        SitemapDiscovery found = flat.discover(site.siteUrl(), List.of(at(TestSite.SITEMAP_INDEX)));

        assertThat(found.urls()).isEmpty();
        assertThat(found.problems()).singleElement().asString().contains("nested deeper than 0 levels");
        assertThat(site.hits(TestSite.SITEMAP_PAGES)).isZero();
    }

    @Test
    void readsAnIndexThatListsItselfOnce() {
        String loop = "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<sitemap><loc>" + at("/loop.xml") + "</loc></sitemap>"
                + "<sitemap><loc>" + at(TestSite.SITEMAP_TEXT) + "</loc></sitemap></sitemapindex>";
        site.respond("/loop.xml", 200, "application/xml", bytes(loop), Map.of());

        SitemapDiscovery found = reader.discover(site.siteUrl(), List.of(at("/loop.xml")));

        assertThat(found.urls()).hasSize(9);
        assertThat(site.hits("/loop.xml")).isEqualTo(1);
        assertThat(found.problems()).isEmpty();
    }

    @Test
    void capsTheBytesAGzipSitemapInflatesTo() {
        byte[] big = bytes(urlset(at("/a.html")).replace("<urlset", " ".repeat(200_000) + "<urlset"));
        site.respond("/big.xml.gz", 200, "application/gzip", gzip(big), Map.of());
        SitemapReader capped = new SitemapReader(fetcher, new SitemapLimits(1000, 50, 2, 100_000));

        SitemapDiscovery found = capped.discover(site.siteUrl(), List.of(at("/big.xml.gz")));

        assertThat(found.urls()).isEmpty();
        assertThat(found.problems()).singleElement().asString().contains("inflates to more than 100000 bytes");
        assertThat(reader.discover(site.siteUrl(), List.of(at("/big.xml.gz"))).urls())
                .containsExactly(at("/a.html"));
    }

    @Test
    void aSitemapOverTheFetchersBodyCapIsAProblem() {
        String[] many = Stream.iterate(0, i -> i + 1)
                .limit(2_000)
                .map(i -> at("/page-" + i + ".html"))
                .toArray(String[]::new);
        site.respond("/huge.xml", 200, "application/xml", bytes(urlset(many)), Map.of());

        SitemapDiscovery found = reader.discover(site.siteUrl(), List.of(at("/huge.xml")));

        assertThat(found.urls()).isEmpty();
        assertThat(found.problems()).singleElement().asString().contains("larger than the limit of " + BODY_CAP);
    }

    @Test
    void reportsUnreachableUnparsableAndCorruptSitemapsAndGoesOn() {
        site.respond("/corrupt.xml.gz", 200, "application/gzip", new byte[] {0x1F, (byte) 0x8B, 1, 2, 3}, Map.of());

        SitemapDiscovery found = reader.discover(
                site.siteUrl(),
                List.of(at("/error"), at("/site/"), at("/corrupt.xml.gz"), "not a url", at(TestSite.SITEMAP_TEXT)));

        assertThat(found.urls()).hasSize(9);
        assertThat(found.problems())
                .satisfiesExactly(
                        p -> assertThat(p).contains(at("/error")).contains("HTTP 500"),
                        p -> assertThat(p).contains(at("/site/")).contains("could not be parsed"),
                        p -> assertThat(p).contains(at("/corrupt.xml.gz")).contains("not valid gzip"),
                        p -> assertThat(p).contains("'not a url'").contains("not an http(s) URL"));
    }

    @Test
    void ignoresSitemapsOfAnotherServer() {
        String elsewhere = "http://sitemaps.example.org/sitemap.xml";

        SitemapDiscovery found = reader.discover(site.siteUrl(), List.of(elsewhere, at(TestSite.SITEMAP_TEXT)));

        assertThat(found.urls()).hasSize(9);
        assertThat(found.sitemaps()).containsExactly(at(TestSite.SITEMAP_TEXT));
        assertThat(found.problems())
                .singleElement()
                .asString()
                .contains(elsewhere)
                .contains("another site");
    }

    @Test
    void ignoresIndexEntriesOfAnotherServer() {
        String index = "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<sitemap><loc>http://other.example/s.xml</loc></sitemap>"
                + "<sitemap><loc>" + at(TestSite.SITEMAP_TEXT) + "</loc></sitemap></sitemapindex>";
        site.respond("/mixed-index.xml", 200, "application/xml", bytes(index), Map.of());

        SitemapDiscovery found = reader.discover(site.siteUrl(), List.of(at("/mixed-index.xml")));

        assertThat(found.urls()).hasSize(9);
        assertThat(found.problems()).singleElement().asString().contains("http://other.example/s.xml");
    }

    @Test
    void acceptsASitemapOnAnotherHostOfTheSameRegistrableDomain() {
        SitemapDiscovery found = reader.discover(
                URI.create("https://www.example.com/docs/"),
                List.of("https://sitemaps.example.com/sitemap.xml", "https://example.org/sitemap.xml"));

        assertThat(found.problems())
                .satisfiesExactly(
                        accepted -> assertThat(accepted)
                                .contains("sitemaps.example.com")
                                .contains("could not be fetched"),
                        refused -> assertThat(refused).contains("example.org").contains("another site"));
    }

    private static String urlset(String... urls) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (String url : urls) {
            xml.append("<url><loc>").append(url).append("</loc></url>\n");
        }
        return xml.append("</urlset>\n").toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(plain);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
