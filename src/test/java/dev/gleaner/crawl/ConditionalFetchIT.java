package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.crawl.FetchOutcome.Fetched;
import dev.gleaner.crawl.FetchOutcome.HttpError;
import dev.gleaner.crawl.FetchOutcome.NotModified;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.RevalidatingSite;
import dev.gleaner.testsite.TestSite;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conditional requests of {@link HttpFetcher}: validators sent on the URL asked for only, 304 as not modified. */
class ConditionalFetchIT {
    private static final FetchLimits LIMITS =
            new FetchLimits(Duration.ofSeconds(5), Duration.ofSeconds(20), 1024 * 1024, 3, "GleanerTest/1.0");

    private TestSite site;
    private RevalidatingSite pages;
    private HttpFetcher fetcher;

    @BeforeEach
    void start() {
        site = TestSite.builder().generatedPages(3).start();
        pages = RevalidatingSite.over(site, Instant.parse("2026-11-01T08:00:00Z"));
        fetcher = new HttpFetcher(LIMITS, new AddressGuard(true, InetAddress::getAllByName));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        site.close();
    }

    @Test
    void aPageFetchedWithTheValidatorsItWasServedWithIsNotModified() {
        URI page = pages.pages().get(1);
        Fetched first = (Fetched) fetcher.fetch(page);

        FetchOutcome again = fetcher.fetch(page, SiteHeaders.NONE, first.validators());

        assertThat(first.validators()).isEqualTo(new Validators(pages.etag(1), "Sun, 1 Nov 2026 08:00:00 GMT"));
        assertThat(again).isEqualTo(new NotModified(page, first.validators()));
        TestSite.Request conditional = site.requests().getLast();
        assertThat(conditional.header("if-none-match")).isEqualTo(pages.etag(1));
        assertThat(conditional.header("if-modified-since")).isEqualTo("Sun, 1 Nov 2026 08:00:00 GMT");
        assertThat(pages.notModified()).isEqualTo(1);
    }

    @Test
    void aChangedPageIsFetchedInFullWithItsNewValidators() {
        URI page = pages.pages().get(1);
        Fetched first = (Fetched) fetcher.fetch(page);
        pages.edit(1, Instant.parse("2026-11-02T08:00:00Z"));

        FetchOutcome again = fetcher.fetch(page, SiteHeaders.NONE, first.validators());

        assertThat(again).isInstanceOfSatisfying(Fetched.class, fetched -> {
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.validators().etag())
                    .isEqualTo(pages.etag(1))
                    .isNotEqualTo(first.validators().etag());
            assertThat(new String(fetched.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("Revised edition 1");
        });
    }

    @Test
    void aRedirectHopToAnotherUrlCarriesNoValidators() {
        site.redirect("/moved", 301, GeneratedSite.path(1));
        Validators stored = ((Fetched) fetcher.fetch(pages.pages().get(1))).validators();

        FetchOutcome outcome = fetcher.fetch(site.url("/moved"), SiteHeaders.NONE, stored);

        assertThat(outcome).isInstanceOfSatisfying(Fetched.class, fetched -> {
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.finalUrl()).isEqualTo(pages.pages().get(1));
        });
        TestSite.Request original = site.requests().get(site.requests().size() - 2);
        TestSite.Request hop = site.requests().getLast();
        assertThat(original.pathAndQuery()).isEqualTo("/moved");
        assertThat(original.header("if-none-match")).isEqualTo(stored.etag());
        assertThat(hop.pathAndQuery()).isEqualTo(GeneratedSite.path(1));
        assertThat(hop.header("if-none-match")).isNull();
        assertThat(hop.header("if-modified-since")).isNull();
        assertThat(pages.notModified()).isZero();
    }

    @Test
    void a304ToARequestThatWasNotConditionalIsAnHttpError() {
        site.respond("/odd", 304, "text/html", new byte[0], Map.of());

        assertThat(fetcher.fetch(site.url("/odd")))
                .isInstanceOfSatisfying(
                        HttpError.class, error -> assertThat(error.status()).isEqualTo(304));
    }

    @Test
    void validatorsThatCouldSmuggleAHeaderAreNotSent() {
        Validators smuggling = new Validators("\"a\"\r\nX-Other: 1", "x".repeat(Validators.MAX_LENGTH + 1));

        fetcher.fetch(pages.pages().get(1), SiteHeaders.NONE, smuggling);

        assertThat(smuggling.none()).isTrue();
        assertThat(site.requests().getLast().header("if-none-match")).isNull();
        assertThat(site.requests().getLast().header("if-modified-since")).isNull();
    }
}
