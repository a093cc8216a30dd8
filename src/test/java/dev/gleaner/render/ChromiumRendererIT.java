package dev.gleaner.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The headless Chromium renderer against a loopback site, with an address guard that lets only 127.0.0.1 through
 * (127.0.0.2 stands for a forbidden address of the deployment's network).
 */
class ChromiumRendererIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final AddressGuard.Policy ONLY_THE_TEST_SITE =
            address -> address.getHostAddress().equals(TestSite.HOST)
                    ? Optional.empty()
                    : AddressGuard.Policy.PUBLIC_ONLY.forbiddenKind(address);

    private final TestSite site = TestSite.start();
    private final CountDownLatch released = new CountDownLatch(1);
    private final HttpFetcher fetcher = new HttpFetcher(
            new FetchLimits(FetchLimits.CONNECT_TIMEOUT, Duration.ofSeconds(30), 1024 * 1024, 5, "GleanerTest/1"),
            new AddressGuard(ONLY_THE_TEST_SITE, InetAddress::getAllByName));
    private final RobotsPolicy robots =
            new RobotsPolicy(fetcher, "GleanerBot", Clock.systemUTC(), RobotsLimits.DEFAULTS);

    @AfterEach
    void stop() {
        released.countDown();
        fetcher.close();
        site.close();
    }

    private ChromiumRenderer renderer(Duration timeout, boolean thirdParty) {
        return new ChromiumRenderer(
                new ChromiumSettings(
                        ChromiumSettings.DEFAULT_EXECUTABLE, 2, timeout, 1024 * 1024, thirdParty, 100, Duration.ZERO),
                fetcher,
                robots,
                Clock.systemUTC());
    }

    private static Renderer.Page page(URI url, String html, SiteHeaders headers) {
        return new Renderer.Page(url, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static Renderer.Rendering.Rendered rendered(Renderer.Rendering rendering) {
        assertThat(rendering).isInstanceOf(Renderer.Rendering.Rendered.class);
        return (Renderer.Rendering.Rendered) rendering;
    }

    @Test
    void theTextAScriptFetchesFromTheSameHostIsInTheRenderedHtml() {
        SinglePageApp app = SinglePageApp.on(site, 2);
        URI url = app.page(1);
        SiteHeaders headers = new SiteHeaders(Map.of("Authorization", "Bearer site-token"), url, false);

        try (ChromiumRenderer renderer = renderer(TIMEOUT, false)) {
            String html = rendered(renderer.render(page(url, SinglePageApp.SHELL, headers)))
                    .html();

            assertThat(html).contains(SinglePageApp.word(1)).contains("href=\"/spa/p/2\"");
        }
        // The page itself is the document already fetched; its script and data came through the fetcher, with the
        // crawl's headers, since they are on the page's site.
        assertThat(site.hits("/spa/p/1")).isZero();
        assertThat(site.hits("/spa/data/1.json")).isEqualTo(1);
        assertThat(site.requests())
                .filteredOn(r -> r.pathAndQuery().equals("/spa/data/1.json"))
                .singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer site-token"));
    }

    @Test
    void aScriptFromAnotherHostIsRefusedUnlessThirdPartiesAreAllowed() {
        site.respond("/own.js", 200, "text/javascript", bytes("document.title = 'own script ran';"), Map.of());
        String html = "<html><head><title>t</title><script src=\"http://127.0.0.2:" + site.port()
                + "/tracker.js\"></script><script src=\"/own.js\"></script></head><body>x</body></html>";

        try (ChromiumRenderer renderer = renderer(TIMEOUT, false)) {
            Renderer.Rendering.Rendered rendered =
                    rendered(renderer.render(page(site.url("/page"), html, SiteHeaders.NONE)));

            assertThat(rendered.refused())
                    .containsExactly("http://127.0.0.2:" + site.port()
                            + "/tracker.js: another host than the page's (--render-third-party allows it)");
            assertThat(rendered.html()).contains("<title>own script ran</title>");
        }
    }

    @Test
    void aRequestToAForbiddenAddressIsRefusedByTheAddressGuard() {
        String secret = "http://127.0.0.2:" + site.port() + "/secret.json";
        String html = "<html><body><div id=out>waiting</div><script>fetch('" + secret + "').then(r => r.text())"
                + ".then(t => { document.getElementById('out').textContent = 'got ' + t; },"
                + " e => { document.getElementById('out').textContent = 'refused'; });</script></body></html>";

        try (ChromiumRenderer renderer = renderer(TIMEOUT, true)) {
            Renderer.Rendering.Rendered rendered =
                    rendered(renderer.render(page(site.url("/page"), html, SiteHeaders.NONE)));

            assertThat(rendered.html()).contains("<div id=\"out\">refused</div>");
            assertThat(rendered.refused())
                    .singleElement()
                    .asString()
                    .startsWith(secret + ": The address 127.0.0.2 is blocked (a loopback address)");
        }
    }

    @Test
    void aPageThatNeverFinishesLoadingEndsAtTheDeadline() {
        site.route("/hang.js", exchange -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        String html = "<html><head><script src=\"/hang.js\"></script></head><body></body></html>";

        try (ChromiumRenderer renderer = renderer(Duration.ofSeconds(2), false)) {
            Renderer.Rendering rendering = renderer.render(page(site.url("/page"), html, SiteHeaders.NONE));

            assertThat(rendering)
                    .isEqualTo(new Renderer.Rendering.Failed(
                            Renderer.Failure.TIMEOUT,
                            "Rendering the page took longer than 2 s (it had not finished loading): raise"
                                    + " --render-timeout-seconds if the site is slow"));
        }
    }

    @Test
    void aBrowserThatCannotBeStartedIsNamedWithWhatToDo() {
        ChromiumRenderer renderer = new ChromiumRenderer(
                new ChromiumSettings("/nonexistent/chromium", 1, TIMEOUT, 1024, false, 100, Duration.ZERO),
                fetcher,
                robots,
                Clock.systemUTC());

        Renderer.Rendering rendering = renderer.render(page(site.url("/page"), "<p>x</p>", SiteHeaders.NONE));

        assertThat(rendering).isInstanceOfSatisfying(Renderer.Rendering.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(Renderer.Failure.UNAVAILABLE);
            assertThat(failed.reason())
                    .startsWith("Chromium could not be started (/nonexistent/chromium: it could not be run")
                    .endsWith("Install chromium, or pass --chromium with the path of a Chromium or Chrome"
                            + " executable");
        });
        renderer.close();
    }

    @Test
    void theBrowserStartsOnTheFirstPageAndStopsWhenClosed() {
        ChromiumRenderer renderer = renderer(TIMEOUT, false);
        assertThat(renderer.running()).isFalse();

        rendered(renderer.render(page(site.url("/page"), "<p>x</p>", SiteHeaders.NONE)));
        assertThat(renderer.running()).isTrue();

        renderer.close();
        assertThat(renderer.running()).isFalse();
    }

    @Test
    void aBrowserThatDiedIsStartedAgainForTheNextPage() {
        try (ChromiumRenderer renderer = renderer(TIMEOUT, false)) {
            rendered(renderer.render(page(site.url("/page"), "<p>first</p>", SiteHeaders.NONE)));
            // The browser this test started (a child of this JVM) dies as a crash would end it.
            ProcessHandle.current()
                    .children()
                    .filter(child -> child.info().command().orElse("").contains("chromium"))
                    .forEach(ProcessHandle::destroyForcibly);
            await().atMost(Duration.ofSeconds(30)).until(() -> !renderer.running());

            String html = rendered(renderer.render(page(site.url("/page"), "<p>second</p>", SiteHeaders.NONE)))
                    .html();

            assertThat(html).contains("<p>second</p>");
            assertThat(renderer.running()).isTrue();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
