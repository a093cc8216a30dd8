package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.PolitenessConfig;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** robots.txt, sitemaps, URL variants, canonical and noindex pages, traps and pacing, through the whole app. */
class PoliteCrawlIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void linksDisallowedByRobotsAreSkippedAndNeverFetched() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.builder()
                        .generatedPages(12)
                        .robots("User-agent: *\nDisallow: /site/page-3.html\nDisallow: /site/page-5.html\n")
                        .start()) {
            Kb kb = Kb.create(app.newOwner());

            JsonNode job =
                    kb.awaitFinished(kb.crawl(Map.of("url", site.siteUrl().toString())), WITHIN);

            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(job.path("total").asLong()).isEqualTo(10);
            assertThat(job.path("done").asLong()).isEqualTo(10);
            assertThat(job.path("skipped").path("robots").asLong()).isEqualTo(2);
            assertThat(site.hits(GeneratedSite.path(3))).isZero();
            assertThat(site.hits(GeneratedSite.path(5))).isZero();
            assertThat(site.hits(TestSite.ROBOTS)).isEqualTo(1);
        }
    }

    @Test
    void aSeedDisallowedForOurProductTokenFailsTheJobWithTheReason() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.builder()
                        .generatedPages(3)
                        .robots("User-agent: GleanerBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
                        .start()) {
            Kb kb = Kb.create(app.newOwner());

            JsonNode job =
                    kb.awaitFinished(kb.crawl(Map.of("url", site.siteUrl().toString())), WITHIN);

            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("failed").asLong()).isEqualTo(1);
            assertThat(job.path("error").asText()).contains("robots.txt");
            assertThat(site.hits(GeneratedSite.ROOT)).isZero();
        }
    }

    @Test
    void sitemapModeImportsExactlyWhatTheSitemapsList() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(10)) {
            site.respond(
                    TestSite.ROBOTS,
                    200,
                    "text/plain",
                    ("Sitemap: " + site.origin() + TestSite.SITEMAP_INDEX + "\n").getBytes(StandardCharsets.UTF_8),
                    Map.of());
            Kb kb = Kb.create(app.newOwner());

            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("mode", "sitemap", "url", site.url("/").toString())), WITHIN);

            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(job.path("total").asLong()).isEqualTo(10);
            assertThat(job.path("done").asLong()).isEqualTo(10);
            assertThat(site.hits("/"))
                    .as("the site URL itself is not a page to import")
                    .isZero();
            for (int i = 0; i < 10; i++) {
                assertThat(site.hits(GeneratedSite.path(i))).isEqualTo(1);
            }
        }
    }

    @Test
    void variantsOfOneUrlAreFetchedOnce() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(5)) {
            Kb kb = Kb.create(app.newOwner());

            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("url", site.url("/variants").toString(), "crawlEntireDomain", true, "maxDepth", 1)),
                    WITHIN);

            assertThat(job.path("total").asLong()).isEqualTo(3);
            assertThat(job.path("done").asLong()).isEqualTo(3);
            assertThat(site.hits("/site/")).isEqualTo(1);
            assertThat(site.hits("/site")).isZero();
            assertThat(site.hits("/site/index.html")).isZero();
            assertThat(site.hits("/site/page-1.html")).isEqualTo(1);
        }
    }

    @Test
    void canonicalAndContentDuplicatesAreDoneWithoutASecondDataset() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(5)) {
            Kb kb = Kb.create(app.newOwner());

            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("urls", List.of(site.url("/canonical-dup").toString()))), WITHIN);

            // /canonical-dup names page 1 as canonical: page 1 is crawled instead, and ingested once.
            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(job.path("total").asLong()).isEqualTo(2);
            assertThat(job.path("done").asLong()).isEqualTo(2);
            JsonNode datasets = kb.datasets();
            assertThat(datasets).hasSize(1);
            assertThat(datasets.get(0).path("sourceUrl").asText())
                    .isEqualTo(site.url(GeneratedSite.path(1)).toString());

            String againId = kb.crawl(
                    Map.of("urls", List.of(site.url(GeneratedSite.path(1)).toString())));
            JsonNode again = kb.awaitFinished(againId, WITHIN);
            assertThat(again.path("done").asLong()).isEqualTo(1);
            assertThat(kb.datasets()).as("same content is not ingested twice").hasSize(1);
            JsonNode pages = kb.api()
                    .get(kb.path() + "/crawl/jobs/" + againId + "/pages")
                    .json()
                    .path("pages");
            assertThat(pages.get(0).path("outcome").asText()).isEqualTo("unchanged");
            JsonNode first = kb.api()
                    .get(kb.path() + "/crawl/jobs/" + job.path("jobId").asText() + "/pages?outcome=duplicate")
                    .json()
                    .path("pages");
            assertThat(first).hasSize(1);
            assertThat(first.get(0).path("url").asText()).endsWith("/canonical-dup");
        }
    }

    @Test
    void noindexPagesAreNotIngestedButTheirLinksAreFollowed() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(3)) {
            Kb kb = Kb.create(app.newOwner());

            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("url", site.url("/noindex").toString(), "crawlEntireDomain", true, "maxDepth", 1)),
                    WITHIN);

            assertThat(job.path("total").asLong()).isEqualTo(2);
            assertThat(job.path("done").asLong()).isEqualTo(2);
            JsonNode datasets = kb.datasets();
            assertThat(datasets).hasSize(1);
            assertThat(datasets.get(0).path("sourceUrl").asText()).endsWith("/out/a.html");
        }
    }

    @Test
    void anEndlessCalendarEnds() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(1)) {
            Kb kb = Kb.create(app.newOwner());

            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of(
                            "url",
                            site.url(TestSite.CALENDAR_START).toString(),
                            "crawlEntireDomain",
                            true,
                            "maxDepth",
                            100,
                            "limit",
                            5_000)),
                    Duration.ofMinutes(2));

            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(job.path("total").asLong()).isLessThan(12 * 25);
            assertThat(job.path("skipped").path("outOfScope").asLong()).isPositive();
            assertThat(job.path("limitReached").asBoolean()).isFalse();
        }
    }

    @Test
    void requestsToOneServerAreSpacedByTheCrawlDelay() {
        Duration delay = Duration.ofMillis(300);
        try (TestApp app = TestApp.start(
                        data, c -> c.withPoliteness(p -> new PolitenessConfig(p.perHostConcurrency(), delay)));
                TestSite site = TestSite.withGeneratedSite(8)) {
            Kb kb = Kb.create(app.newOwner());

            JsonNode job =
                    kb.awaitFinished(kb.crawl(Map.of("url", site.siteUrl().toString())), WITHIN);

            assertThat(job.path("done").asLong()).isEqualTo(8);
            List<Instant> pages = site.requests().stream()
                    .filter(r -> r.pathAndQuery().startsWith("/site/"))
                    .map(TestSite.Request::at)
                    .toList();
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < pages.size(); i++) {
                gaps.add(Duration.between(pages.get(i - 1), pages.get(i)).toMillis());
            }
            // Claims are spaced by the delay; a fetch may start a little after its claim, so single gaps may be
            // shorter by that jitter, but never near zero, and the pace over the crawl is the delay.
            assertThat(gaps).allSatisfy(gap -> assertThat(gap).isGreaterThan(delay.toMillis() / 2));
            long span = Duration.between(pages.getFirst(), pages.getLast()).toMillis();
            assertThat(span).isGreaterThanOrEqualTo((pages.size() - 1) * delay.toMillis() * 9 / 10);
        }
    }

    @Test
    void retryAfterHoldsTheUrlBackAndItFailsAfterItsAttempts() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(1)) {
            Kb kb = Kb.create(app.newOwner());

            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("urls", List.of(site.url("/retry-after").toString()))), WITHIN);

            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("failed").asLong()).isEqualTo(1);
            List<Instant> hits = site.requests().stream()
                    .filter(r -> r.pathAndQuery().equals("/retry-after"))
                    .map(TestSite.Request::at)
                    .toList();
            assertThat(hits).hasSize(app.config().crawl().maxAttempts());
            for (int i = 1; i < hits.size(); i++) {
                assertThat(Duration.between(hits.get(i - 1), hits.get(i)))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
            }
        }
    }

    @Test
    void aRedirectOutOfTheCrawlsScopeEndsWithThatOutcome() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(3)) {
            site.page(
                    "/docs/",
                    "<html><body><main><p>Docs home.</p><a href=\"/docs/moved\">Moved</a></main></body></html>");
            site.redirect("/docs/moved", 301, "/site/page-1.html");
            dev.gleaner.testapp.TestApi api = app.newOwner();
            Kb kb = Kb.create(api);

            String jobId = kb.crawl(Map.of("url", site.url("/docs/").toString()));
            JsonNode job = kb.awaitFinished(jobId, WITHIN);

            assertThat(job.path("total").asLong()).isEqualTo(2);
            assertThat(job.path("done").asLong()).isEqualTo(1);
            assertThat(job.path("failed").asLong()).isEqualTo(1);
            JsonNode moved = api.get(kb.path() + "/crawl/jobs/" + jobId + "/pages?outcome=outOfScope")
                    .json()
                    .path("pages");
            assertThat(moved).hasSize(1);
            assertThat(moved.get(0).path("url").asText()).endsWith("/docs/moved");
            assertThat(moved.get(0).path("reason").asText()).contains("/site/page-1.html");
            assertThat(kb.datasets()).hasSize(1);
        }
    }

    @Test
    void aCrawlThatStaysAtOnePageSaysWhy() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(3)) {
            site.page(
                    "/lonely/page.html",
                    "<html><body><main><p>Everything interesting is elsewhere.</p><a href=\"/site/\">Home</a>"
                            + " <a href=\"/site/page-1.html\">Page 1</a></main></body></html>");
            Kb kb = Kb.create(app.newOwner());

            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("url", site.url("/lonely/page.html").toString())), WITHIN);

            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(job.path("total").asLong()).isEqualTo(1);
            assertThat(job.path("skipped").path("outOfScope").asLong()).isEqualTo(2);
            assertThat(job.path("error").asText())
                    .contains("2 link(s) were out of scope")
                    .contains("crawlEntireDomain");
        }
    }

    @Test
    void nofollowPagesAreIngestedButTheirLinksAreNotFollowed() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(3)) {
            Kb kb = Kb.create(app.newOwner());

            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("url", site.url("/nofollow").toString(), "crawlEntireDomain", true)), WITHIN);

            assertThat(job.path("total").asLong()).isEqualTo(1);
            assertThat(job.path("done").asLong()).isEqualTo(1);
            assertThat(kb.datasets()).hasSize(1);
            assertThat(site.hits("/out/b.html")).isZero();
        }
    }

    @Test
    void sitemapOnlyCrawlsTheListedPagesWithoutFollowingLinks() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(12)) {
            site.respond(
                    TestSite.ROBOTS,
                    200,
                    "text/plain",
                    ("Sitemap: " + site.origin() + TestSite.SITEMAP_PAGES + "\n").getBytes(StandardCharsets.UTF_8),
                    Map.of());
            Kb kb = Kb.create(app.newOwner());
            int listed = site.listedIn(TestSite.SITEMAP_PAGES).size();

            JsonNode job =
                    kb.awaitFinished(kb.crawl(Map.of("url", site.siteUrl().toString(), "sitemap", "only")), WITHIN);

            assertThat(listed).isLessThan(12);
            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(job.path("total").asLong()).isEqualTo(listed);
            assertThat(job.path("done").asLong()).isEqualTo(listed);
            assertThat(site.requests().stream().filter(r -> r.pathAndQuery().startsWith("/site/")))
                    .hasSize(listed);
        }
    }
}
