package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crawl and batch jobs end to end through the API, against a loopback test site. */
class CrawlJobsIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private TestApi api;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.withGeneratedSite(25);
        api = app.newOwner();
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void crawlReachesEveryPageOnceAndMakesEachSearchable() {
        Kb kb = Kb.create(api);
        String jobId = kb.crawl(Map.of("url", site.siteUrl().toString()));

        JsonNode job = kb.awaitFinished(jobId, WITHIN);

        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("total").asLong()).isEqualTo(25);
        assertThat(job.path("done").asLong()).isEqualTo(25);
        assertThat(job.path("failed").asLong()).isZero();
        assertThat(job.path("finishedAt").isTextual()).isTrue();
        for (int i = 0; i < 25; i++) {
            assertThat(site.hits(GeneratedSite.path(i)))
                    .as("fetches of page %d", i)
                    .isEqualTo(1);
        }
        JsonNode datasets = kb.datasets();
        assertThat(datasets).hasSize(25);
        Set<String> urls = new HashSet<>();
        datasets.forEach(d -> {
            assertThat(d.path("isParsed").asBoolean()).isTrue();
            urls.add(d.path("sourceUrl").asText());
        });
        assertThat(urls)
                .containsExactlyInAnyOrderElementsOf(
                        site.sitePages().stream().map(URI::toString).toList());

        String ownSentence = site.site().paragraphs(13).getLast();
        JsonNode hits = kb.query(ownSentence, 3, 0.0);
        assertThat(hits.get(0).path("sourceUrl").asText())
                .isEqualTo(site.url(GeneratedSite.path(13)).toString());
        assertThat(hits.get(0).path("score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void everyOutcomeIsCountedExactly() {
        site.page(
                "/hub",
                "<html><head><title>Hub</title></head><body><main><h1>Hub</h1><p>Links to every kind of page.</p>"
                        + "<a href=\"/missing\">missing</a> <a href=\"/error\">error</a>"
                        + " <a href=\"/redirect\">redirect</a> <a href=\"/binary\">binary</a>"
                        + " <a href=\"/out\">out</a> <a href=\"/hub#again\">self</a></main></body></html>");
        Kb kb = Kb.create(api);
        String jobId = kb.crawl(Map.of("url", site.url("/hub").toString(), "crawlEntireDomain", true, "maxDepth", 1));

        JsonNode job = kb.awaitFinished(jobId, WITHIN);

        // Depth 1 from /hub: /missing (404), /error (500 after retries), /redirect (→ /site/), /binary
        // (unsupported) and /out; /out's links are at depth 2 and not followed.
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("total").asLong()).isEqualTo(6);
        assertThat(job.path("done").asLong()).isEqualTo(3);
        assertThat(job.path("failed").asLong()).isEqualTo(3);
        assertThat(site.hits("/error")).isEqualTo(app.config().crawl().maxAttempts());
        assertThat(site.hits("/missing")).isEqualTo(1);
    }

    @Test
    void linksOutOfScopeAreSkippedAndCounted() {
        Kb kb = Kb.create(api);
        String jobId = kb.crawl(Map.of("url", site.url("/out").toString()));

        JsonNode job = kb.awaitFinished(jobId, WITHIN);

        // /out and below are in scope (/out/a.html, /out/b.html); /site/ is outside the seed's path; the other
        // host and example.invalid are outside the site.
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("total").asLong()).isEqualTo(3);
        assertThat(job.path("done").asLong()).isEqualTo(3);
        assertThat(job.path("skipped").path("outOfScope").asLong()).isEqualTo(3);
        assertThat(site.requests().stream().map(TestSite.Request::pathAndQuery)).noneMatch(p -> p.startsWith("/site/"));
    }

    @Test
    void limitIsNeverOvershot() {
        Kb kb = Kb.create(api);
        String jobId = kb.crawl(Map.of("url", site.siteUrl().toString(), "limit", 7));

        JsonNode job = kb.awaitFinished(jobId, WITHIN);

        assertThat(job.path("total").asLong()).isEqualTo(7);
        assertThat(job.path("done").asLong()).isEqualTo(7);
        assertThat(job.path("limitReached").asBoolean()).isTrue();
        assertThat(job.path("skipped").path("overLimit").asLong()).isPositive();
        assertThat(kb.datasets()).hasSize(7);
    }

    @Test
    void batchImportReturnsInvalidUrlsAndImportsTheRest() {
        Kb kb = Kb.create(api);
        List<String> urls = List.of(
                site.url(GeneratedSite.path(1)).toString(),
                site.url(GeneratedSite.path(2)).toString(),
                site.url(GeneratedSite.path(2)).toString() + "#again",
                "ftp://example.org/file",
                "not a url");

        TestApi.Response accepted = api.post(kb.path() + "/crawl", Map.of("urls", urls));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("mode").asText()).isEqualTo("batch");
        List<String> invalid = new ArrayList<>();
        accepted.json().path("invalidUrls").forEach(u -> invalid.add(u.asText()));
        assertThat(invalid).containsExactlyInAnyOrder("ftp://example.org/file", "not a url");
        JsonNode job = kb.awaitFinished(accepted.json().path("jobId").asText(), WITHIN);
        assertThat(job.path("total").asLong()).isEqualTo(2);
        assertThat(job.path("done").asLong()).isEqualTo(2);
        assertThat(site.hits(GeneratedSite.path(3)))
                .as("batch jobs do not follow links")
                .isZero();
    }

    @Test
    void jobsAreListedNewestFirst() {
        Kb kb = Kb.create(api);
        String first = kb.crawl(Map.of("urls", List.of(site.url("/").toString())));
        kb.awaitFinished(first, WITHIN);
        String second = kb.crawl(Map.of("urls", List.of(site.url("/out").toString())));
        kb.awaitFinished(second, WITHIN);

        JsonNode jobs = kb.jobs();

        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).path("jobId").asText()).isEqualTo(second);
        assertThat(jobs.get(1).path("jobId").asText()).isEqualTo(first);
    }
}
