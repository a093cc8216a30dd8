package dev.gleaner.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.crawl.FetchLimits;
import dev.gleaner.crawl.HttpFetcher;
import dev.gleaner.crawl.RobotsLimits;
import dev.gleaner.crawl.RobotsPolicy;
import dev.gleaner.crawl.SiteHeaders;
import dev.gleaner.pipeline.Renderer;
import dev.gleaner.testsite.SinglePageApp;
import dev.gleaner.testsite.TestSite;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The requests a rendered page makes are as polite as the crawler's own fetches: robots.txt decides them, a page may
 * make only so many, and those to one server are spaced by the crawl's gap. Against loopback sites only.
 */
class RenderedRequestsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** A page that fetches {@code /item/1} to {@code /item/5} at once and lists what each answered. */
    private static final String FIVE_ITEMS =
            """
            <html><body><ul id="out"></ul><script>
            for (let i = 1; i <= 5; i++) {
              fetch('/item/' + i).then(r => r.text()).then(t => {
                const li = document.createElement('li'); li.textContent = t;
                document.getElementById('out').appendChild(li);
              }, e => {});
            }
            </script></body></html>
            """;

    private final HttpFetcher fetcher = new HttpFetcher(
            new FetchLimits(FetchLimits.CONNECT_TIMEOUT, Duration.ofSeconds(30), 1024 * 1024, 5, "GleanerTest/1"),
            new AddressGuard(
                    address -> address.getHostAddress().equals(TestSite.HOST)
                            ? Optional.empty()
                            : AddressGuard.Policy.PUBLIC_ONLY.forbiddenKind(address),
                    InetAddress::getAllByName));
    private final RobotsPolicy robots =
            new RobotsPolicy(fetcher, "GleanerBot", Clock.systemUTC(), RobotsLimits.DEFAULTS);

    @AfterEach
    void stop() {
        fetcher.close();
    }

    private ChromiumRenderer renderer(Duration timeout, int maxRequests, Duration gap) {
        return new ChromiumRenderer(
                new ChromiumSettings(
                        ChromiumSettings.DEFAULT_EXECUTABLE, 1, timeout, 1024 * 1024, false, maxRequests, gap),
                fetcher,
                robots,
                Clock.systemUTC());
    }

    private static Renderer.Rendering.Rendered rendered(Renderer.Rendering rendering) {
        assertThat(rendering).isInstanceOf(Renderer.Rendering.Rendered.class);
        return (Renderer.Rendering.Rendered) rendering;
    }

    private static Renderer.Page page(URI url, String html) {
        return new Renderer.Page(
                url, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), SiteHeaders.NONE);
    }

    private static void items(TestSite site) {
        for (int i = 1; i <= 5; i++) {
            site.respond("/item/" + i, 200, "text/plain", ("item " + i).getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    @Test
    void aDataRequestRobotsTxtDisallowsIsRefusedAndItsTextIsAbsent() {
        try (TestSite site = TestSite.builder()
                        .robots("User-agent: *\nDisallow: /spa/data/\n")
                        .start();
                // The page stays blank without its data, so it is taken as it is at the deadline: a short one.
                ChromiumRenderer renderer = renderer(Duration.ofSeconds(3), 100, Duration.ZERO)) {
            SinglePageApp.on(site, 2);

            Renderer.Rendering.Rendered rendered =
                    rendered(renderer.render(page(site.url("/spa/p/1"), SinglePageApp.SHELL)));

            assertThat(rendered.html()).doesNotContain(SinglePageApp.word(1)).contains("<div id=\"root\"></div>");
            assertThat(rendered.refused()).containsExactly(site.url("/spa/data/1.json") + ": disallowed by robots.txt");
            assertThat(site.hits("/spa/data/1.json")).isZero();
            // The script was allowed and fetched; robots.txt was read once for both of the page's requests.
            assertThat(site.hits("/spa/app.js")).isEqualTo(1);
            assertThat(site.hits(TestSite.ROBOTS)).isEqualTo(1);
        }
    }

    @Test
    void requestsBeyondTheLimitAreRefusedAndThePageShowsWhatItGot() {
        try (TestSite site = TestSite.start();
                ChromiumRenderer renderer = renderer(TIMEOUT, 3, Duration.ZERO)) {
            items(site);

            Renderer.Rendering.Rendered rendered = rendered(renderer.render(page(site.url("/page"), FIVE_ITEMS)));

            assertThat(rendered.html().split("<li>item ", -1)).hasSize(1 + 3);
            assertThat(rendered.refused())
                    .filteredOn(refusal -> refusal.startsWith(site.url("/item/").toString()))
                    .hasSize(2)
                    .allSatisfy(refusal -> assertThat(refusal)
                            .endsWith(": the page made more than 3 requests (--render-max-requests)"));
            assertThat(site.requests())
                    .filteredOn(r -> r.pathAndQuery().startsWith("/item/"))
                    .hasSize(3);
        }
    }

    @Test
    void requestsToThePagesServerAreSpacedByTheCrawlsGap() {
        Duration gap = Duration.ofMillis(400);
        try (TestSite site = TestSite.start();
                ChromiumRenderer renderer = renderer(TIMEOUT, 100, gap)) {
            items(site);
            Instant began = Instant.now();

            Renderer.Rendering.Rendered rendered = rendered(renderer.render(page(site.url("/page"), FIVE_ITEMS)));

            assertThat(rendered.html().split("<li>item ", -1)).hasSize(1 + 5);
            List<Instant> arrivals = site.requests().stream()
                    .filter(r -> r.pathAndQuery().startsWith("/item/"))
                    .map(TestSite.Request::at)
                    .sorted()
                    .toList();
            assertThat(arrivals).hasSize(5);
            // The page itself counts as the request before the first; a little slack for the network's jitter.
            Duration slack = Duration.ofMillis(50);
            assertThat(Duration.between(began, arrivals.get(0))).isGreaterThan(gap.minus(slack));
            for (int i = 1; i < arrivals.size(); i++) {
                assertThat(Duration.between(arrivals.get(i - 1), arrivals.get(i)))
                        .as("the gap before request %d", i + 1)
                        .isGreaterThan(gap.minus(slack));
            }
        }
    }
}
