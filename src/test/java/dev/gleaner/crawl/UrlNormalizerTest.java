package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {
    private final UrlNormalizer normalizer = new UrlNormalizer();

    private NormalizedUrl normalized(String raw) {
        return normalizer.normalize(raw, false).orElseThrow();
    }

    @Test
    void lowerCasesSchemeAndHostAndDropsFragmentAndDefaultPort() {
        NormalizedUrl url = normalized("HTTP://Example.COM:80/Docs/Page#Section");

        assertThat(url.uri()).isEqualTo(URI.create("http://example.com/Docs/Page"));
        assertThat(url.key()).isEqualTo("http://example.com/Docs/Page");
        assertThat(url.host()).isEqualTo("example.com");
    }

    @Test
    void dropsTheHttpsDefaultPortButKeepsOthers() {
        assertThat(normalized("https://example.com:443/a").uri()).isEqualTo(URI.create("https://example.com/a"));
        assertThat(normalized("https://example.com:8443/a").uri()).isEqualTo(URI.create("https://example.com:8443/a"));
    }

    @Test
    void resolvesDotSegmentsAndGivesAnEmptyPathASlash() {
        assertThat(normalized("http://example.com/a/./b/../c").uri()).isEqualTo(URI.create("http://example.com/a/c"));
        assertThat(normalized("http://example.com").uri()).isEqualTo(URI.create("http://example.com/"));
    }

    @Test
    void normalizesPercentEncodingInPathAndQuery() {
        NormalizedUrl url = normalized("http://example.com/%7efoo/caf%c3%a9 bar?q=%41%2f&x=a b");

        assertThat(url.uri().toString()).isEqualTo("http://example.com/~foo/caf%C3%A9%20bar?q=A%2F&x=a%20b");
    }

    @Test
    void keepsTheQueryOrderInTheUriButSortsItInTheKey() {
        NormalizedUrl url = normalized("http://example.com/p?b=2&a=1&c");

        assertThat(url.uri().getRawQuery()).isEqualTo("b=2&a=1&c");
        assertThat(url.key()).isEqualTo("http://example.com/p?a=1&b=2&c");
    }

    @Test
    void dropsTrackingParametersFromTheKeyOnly() {
        NormalizedUrl url =
                normalized("http://example.com/p?utm_source=news&id=7&fbclid=x&gclid=y&UTM_Medium=m&msclkid=z");

        assertThat(url.key()).isEqualTo("http://example.com/p?id=7");
        assertThat(url.uri().getRawQuery()).contains("utm_source=news");
    }

    @Test
    void ignoringQueryParametersDropsTheWholeQueryFromTheKey() {
        NormalizedUrl url = normalizer
                .normalize("http://example.com/p?page=2&sort=asc", true)
                .orElseThrow();

        assertThat(url.key()).isEqualTo("http://example.com/p");
        assertThat(url.uri().getRawQuery()).isEqualTo("page=2&sort=asc");
    }

    @Test
    void variantsOfOneUrlShareOneKey() {
        String a = normalized("HTTP://Example.com:80/p/./x?b=1&a=2&utm_campaign=spring#top")
                .key();
        String b = normalized("http://example.com/p/x?a=2&b=1").key();

        assertThat(a).isEqualTo(b);
    }

    @Test
    void dropsAnEmptyQuery() {
        assertThat(normalized("http://example.com/p?").uri()).isEqualTo(URI.create("http://example.com/p"));
    }

    @Test
    void convertsInternationalHostNamesToPunycode() {
        assertThat(normalized("http://Bücher.example/x").host()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void keepsAnIpv6LiteralHost() {
        assertThat(normalized("http://[::1]:8080/x").host()).isEqualTo("[::1]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/relative/path",
                "example.com/no-scheme",
                "ftp://example.com/file",
                "mailto:someone@example.com",
                "javascript:alert(1)",
                "http://user:secret@example.com/",
                "http://user@example.com/",
                "http:///no-host",
                "http://",
                "http://exa mple.com/",
                "http://example.com:99999/",
                "http:example.com"
            })
    void refusesUrlsTheCrawlerMustNotFetch(String raw) {
        assertThat(normalizer.normalize(raw, false)).isEmpty();
    }

    @Test
    void refusesUrlsLongerThanTheLimit() {
        String base = "http://example.com/";
        String atLimit = base + "a".repeat(UrlNormalizer.MAX_URL_LENGTH - base.length());

        assertThat(normalizer.normalize(atLimit, false)).isPresent();
        assertThat(normalizer.normalize(atLimit + "a", false)).isEmpty();
    }

    @Test
    void resolvesRelativeLinksAgainstThePage() {
        URI page = URI.create("http://example.com/docs/guide/intro.html?x=1");

        assertThat(resolved(page, "../api/index.html")).isEqualTo("http://example.com/docs/api/index.html");
        assertThat(resolved(page, "next.html#part-2")).isEqualTo("http://example.com/docs/guide/next.html");
        assertThat(resolved(page, "/about")).isEqualTo("http://example.com/about");
        assertThat(resolved(page, "?x=2")).isEqualTo("http://example.com/docs/guide/intro.html?x=2");
        assertThat(resolved(page, "//other.example/x")).isEqualTo("http://other.example/x");
        assertThat(resolved(page, "https://secure.example/y")).isEqualTo("https://secure.example/y");
        assertThat(resolved(page, " my page.html ")).isEqualTo("http://example.com/docs/guide/my%20page.html");
    }

    @Test
    void resolvesAgainstAPageWithAnEmptyPath() {
        assertThat(resolved(URI.create("http://example.com"), "a/b")).isEqualTo("http://example.com/a/b");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:void(0)",
                "JavaScript:go()",
                "mailto:team@example.com",
                "tel:+15551234",
                "data:text/plain,hi",
                "#section",
                "",
                "   ",
                "ftp://example.com/file",
                "http://user:pw@example.com/"
            })
    void ignoresLinksThatAreNotPages(String href) {
        assertThat(normalizer.resolve(URI.create("http://example.com/a/"), href, false))
                .isEmpty();
    }

    @Test
    void theKeyFoldsTheWwwPrefixButTheUriAndHostKeepIt() {
        NormalizedUrl url = normalized("https://www.example.com/docs/a");

        assertThat(url.key()).isEqualTo("https://example.com/docs/a");
        assertThat(url.uri()).isEqualTo(URI.create("https://www.example.com/docs/a"));
        assertThat(url.host()).isEqualTo("www.example.com");
        assertThat(url.key()).isEqualTo(normalized("https://example.com/docs/a").key());
    }

    @Test
    void theKeyKeepsAWwwThatIsNotAPrefixOfARegistrableDomain() {
        assertThat(normalized("http://www.co.uk/a").key()).isEqualTo("http://www.co.uk/a");
        assertThat(normalized("http://wwwexample.com/a").key()).isEqualTo("http://wwwexample.com/a");
        assertThat(normalized("http://www2.example.com/a").key()).isEqualTo("http://www2.example.com/a");
    }

    @Test
    void theKeyFoldsATrailingSlashOnANonRootPath() {
        NormalizedUrl withSlash = normalized("http://example.com/docs/");

        assertThat(withSlash.key()).isEqualTo("http://example.com/docs");
        assertThat(withSlash.uri()).isEqualTo(URI.create("http://example.com/docs/"));
        assertThat(normalized("http://example.com/docs").key()).isEqualTo(withSlash.key());
        assertThat(normalized("http://example.com/docs/?b=2&a=1").key()).isEqualTo("http://example.com/docs?a=1&b=2");
    }

    @Test
    void theKeyOfTheRootKeepsItsSlash() {
        assertThat(normalized("http://example.com/").key()).isEqualTo("http://example.com/");
        assertThat(normalized("http://example.com").key()).isEqualTo("http://example.com/");
        assertThat(normalized("http://example.com/index.html").key()).isEqualTo("http://example.com/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "index.htm", "index.php", "default.htm", "default.aspx", "Default.aspx"})
    void theKeyFoldsADefaultDocumentToItsDirectory(String document) {
        NormalizedUrl url = normalized("http://example.com/docs/" + document);

        assertThat(url.key()).isEqualTo("http://example.com/docs");
        assertThat(url.uri().getPath()).isEqualTo("/docs/" + document);
    }

    @Test
    void theKeyKeepsOtherFileNamesAndDefaultDocumentNamesInTheMiddleOfAPath() {
        assertThat(normalized("http://example.com/docs/index.html.bak").key())
                .isEqualTo("http://example.com/docs/index.html.bak");
        assertThat(normalized("http://example.com/myindex.html").key()).isEqualTo("http://example.com/myindex.html");
        assertThat(normalized("http://example.com/index.html/more").key())
                .isEqualTo("http://example.com/index.html/more");
    }

    @Test
    void allVariantsOfOnePageShareOneKey() {
        String key = normalized("http://example.com/guide").key();

        assertThat(List.of(
                        "http://www.example.com/guide/",
                        "HTTP://WWW.Example.com:80/guide/index.html",
                        "http://example.com/guide/index.php?utm_source=mail",
                        "http://example.com/guide/./?fbclid=x#top"))
                .allSatisfy(variant -> assertThat(normalized(variant).key()).isEqualTo(key));
    }

    @Test
    void ignoringQueryParametersUsesTheFoldedPathInTheKey() {
        NormalizedUrl url = normalizer
                .normalize("http://www.example.com/list/index.php?page=2", true)
                .orElseThrow();

        assertThat(url.key()).isEqualTo("http://example.com/list");
    }

    @Test
    void theKeyKeepsTheNonDefaultPortAndAnIpv6Host() {
        assertThat(normalized("http://www.example.com:8080/a/").key()).isEqualTo("http://example.com:8080/a");
        assertThat(normalized("http://[::1]:8080/a/").key()).isEqualTo("http://[::1]:8080/a");
    }

    @Test
    void resolvedLinksGetTheFoldedKeyToo() {
        NormalizedUrl link = normalizer
                .resolve(URI.create("http://www.example.com/docs/guide.html"), "intro/index.html", false)
                .orElseThrow();

        assertThat(link.uri().toString()).isEqualTo("http://www.example.com/docs/intro/index.html");
        assertThat(link.key()).isEqualTo("http://example.com/docs/intro");
    }

    @Test
    void resolvesLinksAndRedirectsToIpv6LiteralsKeepingTheBrackets() {
        URI page = URI.create("http://example.com/a/");

        assertThat(resolved(page, "http://[::1]:8080/")).isEqualTo("http://[::1]:8080/");
        assertThat(resolved(page, "http://[2001:DB8::1]/x y")).isEqualTo("http://[2001:db8::1]/x%20y");
        assertThat(resolved(page, "//[::1]/path")).isEqualTo("http://[::1]/path");
        assertThat(normalizer
                        .resolve(page, "http://[::1]:8080/", false)
                        .orElseThrow()
                        .uri()
                        .getHost())
                .isEqualTo("[::1]");
    }

    private String resolved(URI base, String href) {
        return normalizer.resolve(base, href, false).orElseThrow().uri().toString();
    }
}
