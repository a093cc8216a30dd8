package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteHeadersTest {
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer t0ken");

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "https://docs.example.com/guide/, https://docs.example.com/other/page, true",
        "https://docs.example.com/, https://DOCS.example.com./robots.txt, true",
        "https://docs.example.com/, https://docs.example.com:443/sitemap.xml, true",
        "https://docs.example.com/, https://www.example.com/, false",
        "https://docs.example.com/, https://example.com/, false",
        "https://docs.example.com/, https://api.docs.example.com/, false",
        "https://docs.example.com/, https://docs.example.com.evil.test/, false",
        "https://docs.example.com/, https://evildocs.example.com/, false",
        "https://docs.example.com/, http://docs.example.com/, false",
        "https://docs.example.com/, https://docs.example.com:8443/, false",
        "http://docs.example.com/, https://docs.example.com/, true",
        "http://docs.example.com/, http://docs.example.com:8080/, false",
        "http://127.0.0.1:4000/, http://127.0.0.1:4000/a, true",
        "http://127.0.0.1:4000/, http://localhost:4000/a, false",
        "http://127.0.0.1:4000/, http://127.0.0.1:4001/a, false",
    })
    void withoutSubdomainsOnlyTheSeedsOwnHostGetsTheHeaders(String site, String target, boolean receives) {
        assertThat(SiteHeaders.receives(URI.create(site), false, URI.create(target)))
                .isEqualTo(receives);
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "https://docs.example.com/, https://api.docs.example.com/, true",
        "https://docs.example.com/, https://a.b.docs.example.com/, true",
        "https://docs.example.com/, https://www.example.com/, false",
        "https://docs.example.com/, https://example.com/, false",
        "https://docs.example.com/, https://xdocs.example.com/, false",
        "http://10.0.0.1/, http://1.10.0.0.1/, false",
    })
    void withSubdomainsTheSeedsSubdomainsGetThemButNeverSiblingsOrParents(
            String site, String target, boolean receives) {
        assertThat(SiteHeaders.receives(URI.create(site), true, URI.create(target)))
                .isEqualTo(receives);
    }

    @Test
    void forUrlGivesAllTheHeadersOrNone() {
        SiteHeaders headers = new SiteHeaders(AUTH, URI.create("https://docs.example.com/"), false);

        assertThat(headers.forUrl(URI.create("https://docs.example.com/x"))).isEqualTo(AUTH);
        assertThat(headers.forUrl(URI.create("https://other.test/x"))).isEmpty();
        assertThat(SiteHeaders.NONE.forUrl(URI.create("https://docs.example.com/x")))
                .isEmpty();
    }

    @Test
    void toStringNamesTheHeadersWithoutTheirValues() {
        SiteHeaders headers = new SiteHeaders(AUTH, URI.create("https://docs.example.com/"), false);

        assertThat(headers.toString()).contains("Authorization: ***").doesNotContain("t0ken");
    }
}
