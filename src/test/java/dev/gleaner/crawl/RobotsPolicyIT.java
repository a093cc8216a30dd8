package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gleaner.crawl.RobotsRules.Status;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RobotsPolicyIT {
    private static final String TOKEN = "GleanerBot";
    private static final FetchLimits LIMITS =
            new FetchLimits(Duration.ofSeconds(5), Duration.ofSeconds(20), 1024 * 1024, 5, "GleanerBot/1.0");
    private static final String ROBOTS =
            """
            User-agent: *
            Disallow: /private/
            Crawl-delay: 2

            User-agent: GleanerBot
            Disallow: /site/page-2.html
            Allow: /private/open.html
            Disallow: /private/
            Crawl-delay: 5

            Sitemap: /sitemap-index.xml
            Sitemap: /sitemap.txt
            """;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final HttpFetcher fetcher = new HttpFetcher(LIMITS, new AddressGuard(true, InetAddress::getAllByName));
    private final List<TestSite> sites = new ArrayList<>();

    @AfterEach
    void stop() {
        fetcher.close();
        sites.forEach(TestSite::close);
    }

    private TestSite site(TestSite.Builder builder) {
        TestSite site = builder.start();
        sites.add(site);
        return site;
    }

    private RobotsPolicy policy(String token) {
        return new RobotsPolicy(fetcher, token, clock, RobotsLimits.DEFAULTS);
    }

    @Test
    void theGroupOfOurProductTokenAppliesRatherThanTheStarGroup() {
        TestSite site = site(TestSite.builder().robots(ROBOTS));

        RobotsRules rules = policy(TOKEN).rulesFor(site.siteUrl());

        assertThat(rules.status()).isEqualTo(Status.LOADED);
        assertThat(rules.allows(site.url("/site/page-1.html"))).isTrue();
        assertThat(rules.allows(site.url("/site/page-2.html"))).isFalse();
        assertThat(rules.allows(site.url("/private/open.html"))).isTrue();
        assertThat(rules.allows(site.url("/private/closed.html"))).isFalse();
    }

    @Test
    void anotherProductTokenGetsTheStarGroup() {
        TestSite site = site(TestSite.builder().robots(ROBOTS));

        RobotsRules rules = policy("OtherBot").rulesFor(site.siteUrl());

        assertThat(rules.allows(site.url("/site/page-2.html"))).isTrue();
        assertThat(rules.allows(site.url("/private/open.html"))).isFalse();
        assertThat(rules.crawlDelay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theProductTokenMatchesWithoutRegardToCase() {
        TestSite site = site(TestSite.builder().robots(ROBOTS));

        RobotsRules rules = policy("gleanerbot").rulesFor(site.siteUrl());

        assertThat(rules.allows(site.url("/site/page-2.html"))).isFalse();
    }

    @Test
    void readsTheCrawlDelayOfOurGroupAndCapsIt() {
        TestSite site = site(TestSite.builder().robots(ROBOTS));
        RobotsLimits lowCap = new RobotsLimits(
                Duration.ofHours(1),
                Duration.ofMinutes(1),
                Duration.ofSeconds(3),
                RobotsLimits.DEFAULT_MAX_ROBOTS_BYTES,
                100);

        assertThat(policy(TOKEN).rulesFor(site.siteUrl()).crawlDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(new RobotsPolicy(fetcher, TOKEN, clock, lowCap)
                        .rulesFor(site.siteUrl())
                        .crawlDelay())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aHugeCrawlDelayIsCutToTheDefaultCapAndKeepsTheRules() {
        TestSite site = site(TestSite.builder().robots("User-agent: *\nCrawl-delay: 3600\nDisallow: /private/\n"));

        RobotsRules rules = policy(TOKEN).rulesFor(site.siteUrl());

        assertThat(rules.crawlDelay()).isEqualTo(RobotsLimits.DEFAULT_MAX_CRAWL_DELAY);
        assertThat(rules.allows(site.url("/site/"))).isTrue();
        assertThat(rules.allows(site.url("/private/a"))).isFalse();
    }

    @Test
    void noCrawlDelayIsZero() {
        TestSite site = site(TestSite.builder().robots("User-agent: *\nDisallow: /private/\n"));

        assertThat(policy(TOKEN).rulesFor(site.siteUrl()).crawlDelay()).isZero();
    }

    @Test
    void listsTheSitemapsAsAbsoluteUrls() {
        TestSite site = site(TestSite.builder().robots(ROBOTS));

        assertThat(policy(TOKEN).rulesFor(site.siteUrl()).sitemaps())
                .containsExactly(site.origin() + "/sitemap-index.xml", site.origin() + "/sitemap.txt");
    }

    @Test
    void aMissingRobotsTxtAllowsEverything() {
        TestSite site = site(TestSite.builder());

        RobotsRules rules = policy(TOKEN).rulesFor(site.siteUrl());

        assertThat(rules.status()).isEqualTo(Status.ALLOW_ALL);
        assertThat(rules.allows(site.url("/private/anything"))).isTrue();
        assertThat(rules.detail()).contains("404");
        assertThat(site.hits(TestSite.ROBOTS)).isEqualTo(1);
    }

    @Test
    void aForbiddenRobotsTxtAllowsEverything() {
        TestSite site = site(TestSite.builder().robotsStatus(403));

        assertThat(policy(TOKEN).rulesFor(site.siteUrl()).status()).isEqualTo(Status.ALLOW_ALL);
    }

    @Test
    void aServerErrorIsUnavailableAndTriedAgainAfterItsShortLifetime() {
        TestSite site = site(TestSite.builder().robotsStatus(500));
        RobotsPolicy policy = policy(TOKEN);

        RobotsRules failed = policy.rulesFor(site.siteUrl());
        assertThat(failed.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(failed.allows(site.siteUrl())).isFalse();
        assertThat(failed.detail()).contains("HTTP 500");

        site.respond(TestSite.ROBOTS, 200, "text/plain", bytes("User-agent: *\nDisallow: /x/\n"), Map.of());
        clock.advance(Duration.ofSeconds(59));
        assertThat(policy.rulesFor(site.siteUrl()).status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(site.hits(TestSite.ROBOTS)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        RobotsRules recovered = policy.rulesFor(site.siteUrl());
        assertThat(recovered.status()).isEqualTo(Status.LOADED);
        assertThat(recovered.allows(site.siteUrl())).isTrue();
        assertThat(site.hits(TestSite.ROBOTS)).isEqualTo(2);
    }

    @Test
    void tooManyRequestsIsUnavailable() {
        TestSite site = site(TestSite.builder().robotsStatus(429));

        assertThat(policy(TOKEN).rulesFor(site.siteUrl()).status()).isEqualTo(Status.UNAVAILABLE);
    }

    @Test
    void loadedRulesAreKeptForTheirLifetimeThenFetchedAgain() {
        TestSite site = site(TestSite.builder().robots(ROBOTS));
        RobotsPolicy policy = policy(TOKEN);

        policy.rulesFor(site.siteUrl());
        clock.advance(RobotsLimits.DEFAULT_LIFETIME.minusSeconds(1));
        policy.rulesFor(site.siteUrl());
        assertThat(site.hits(TestSite.ROBOTS)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        policy.rulesFor(site.siteUrl());
        assertThat(site.hits(TestSite.ROBOTS)).isEqualTo(2);
    }

    @Test
    void aServerThatCannotBeReachedIsUnreachableNotARobotsAnswer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, TestSite.ADDRESS)) {
            closedPort = socket.getLocalPort();
        }

        RobotsRules rules = policy(TOKEN).rulesFor(URI.create("http://127.0.0.1:" + closedPort + "/page"));

        assertThat(rules.status()).isEqualTo(Status.UNREACHABLE);
        assertThat(rules.detail())
                .isEqualTo("Could not connect to 127.0.0.1:" + closedPort + ": the connection was refused.");
        assertThat(rules.allows(URI.create("http://127.0.0.1:" + closedPort + "/page")))
                .isFalse();
    }

    @Test
    void aRobotsTxtThatTimesOutIsUnavailable() {
        TestSite site = site(TestSite.builder());
        CountDownLatch never = new CountDownLatch(1);
        site.route(TestSite.ROBOTS, exchange -> {
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        FetchLimits quick = new FetchLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 5, "GleanerBot/1.0");
        try (HttpFetcher impatient = new HttpFetcher(quick, new AddressGuard(true, InetAddress::getAllByName))) {
            RobotsRules rules =
                    new RobotsPolicy(impatient, TOKEN, clock, RobotsLimits.DEFAULTS).rulesFor(site.siteUrl());

            assertThat(rules.status()).isEqualTo(Status.UNAVAILABLE);
            assertThat(rules.detail()).contains("did not finish");
        } finally {
            never.countDown();
        }
    }

    @Test
    void fetchesThroughTheAddressGuard() {
        TestSite site = site(TestSite.builder().robots(ROBOTS));
        try (HttpFetcher guarded = new HttpFetcher(LIMITS, new AddressGuard(false, InetAddress::getAllByName))) {
            RobotsRules rules = new RobotsPolicy(guarded, TOKEN, clock, RobotsLimits.DEFAULTS).rulesFor(site.siteUrl());

            assertThat(rules.status()).isEqualTo(Status.BLOCKED);
            assertThat(rules.detail()).contains("loopback").contains("--allow-private-network");
            assertThat(site.requests()).isEmpty();
        }
    }

    @Test
    void parsesOnlyTheFirstBytesOfAnOversizedRobotsTxt() {
        String head = "User-agent: *\nDisallow: /early/\n";
        String padding = ("# " + "x".repeat(97) + "\n").repeat(20);
        TestSite site = site(TestSite.builder().robots(head + padding + "Disallow: /late/\n"));
        RobotsLimits smallCap =
                new RobotsLimits(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(30), 1_024, 100);

        RobotsRules rules = new RobotsPolicy(fetcher, TOKEN, clock, smallCap).rulesFor(site.siteUrl());

        assertThat(rules.allows(site.url("/early/a"))).isFalse();
        assertThat(rules.allows(site.url("/late/a"))).isTrue();
        assertThat(rules.detail()).contains("first 1024 bytes");
    }

    @Test
    void fetchesRobotsTxtOncePerServerForManyCalls() {
        TestSite first = site(TestSite.builder().generatedPages(20).robots(ROBOTS));
        TestSite second = site(TestSite.builder().robots(ROBOTS));
        RobotsPolicy policy = policy(TOKEN);

        for (URI page : first.sitePages()) {
            assertThat(policy.rulesFor(page).status()).isEqualTo(Status.LOADED);
        }
        policy.rulesFor(second.siteUrl());
        policy.rulesFor(second.url("/private/x?y=1"));

        assertThat(first.hits(TestSite.ROBOTS)).isEqualTo(1);
        assertThat(second.hits(TestSite.ROBOTS)).isEqualTo(1);
    }

    @Test
    void concurrentCallersForOneServerShareOneFetch() throws Exception {
        TestSite site = site(TestSite.builder());
        CountDownLatch release = new CountDownLatch(1);
        byte[] robots = bytes(ROBOTS);
        site.route(TestSite.ROBOTS, exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, robots.length);
            exchange.getResponseBody().write(robots);
        });
        RobotsPolicy policy = policy(TOKEN);
        int callers = 16;
        List<Thread> threads = new ArrayList<>();
        List<Future<RobotsRules>> answers = new ArrayList<>();
        try (ExecutorService executor =
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory())) {
            for (int i = 0; i < callers; i++) {
                URI page = site.url("/site/page-" + i + ".html");
                answers.add(executor.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return policy.rulesFor(page);
                }));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> allWaiting(threads, callers));
            assertThat(site.hits(TestSite.ROBOTS)).isEqualTo(1);
            release.countDown();

            for (Future<RobotsRules> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS).allows(site.url("/site/page-2.html")))
                        .isFalse();
            }
        } finally {
            release.countDown();
        }
        assertThat(site.hits(TestSite.ROBOTS)).isEqualTo(1);
    }

    @Test
    void keepsNoMoreServersThanItsCapAndFetchesADroppedOneAgain() {
        TestSite first = site(TestSite.builder().robots(ROBOTS));
        TestSite second = site(TestSite.builder().robots(ROBOTS));
        RobotsLimits oneServer =
                new RobotsLimits(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(30), 1_024, 1);
        RobotsPolicy policy = new RobotsPolicy(fetcher, TOKEN, clock, oneServer);

        policy.rulesFor(first.siteUrl());
        policy.rulesFor(second.siteUrl());
        policy.rulesFor(first.siteUrl());

        assertThat(first.hits(TestSite.ROBOTS)).isEqualTo(2);
        assertThat(second.hits(TestSite.ROBOTS)).isEqualTo(1);
    }

    @Test
    void refusesAProductTokenRobotsTxtCannotName() {
        assertThatThrownBy(() -> policy("GleanerBot/1.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUrlWithoutAServerIsUnavailable() {
        assertThat(policy(TOKEN)
                        .rulesFor(URI.create("mailto:someone@example.com"))
                        .status())
                .isEqualTo(Status.UNAVAILABLE);
    }

    private static boolean allWaiting(List<Thread> threads, int expected) {
        synchronized (threads) {
            return threads.size() == expected
                    && threads.stream()
                            .allMatch(t ->
                                    t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
