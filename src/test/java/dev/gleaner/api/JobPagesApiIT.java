package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET …/crawl/jobs/{jobId}/pages} and {@code POST …/crawl/jobs/{jobId}/retry} against a loopback site. */
class JobPagesApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String HUB = "<html><head><title>Hub</title></head><body><main><h1>Hub</h1>"
            + "<p>Links to every kind of page.</p><a href=\"/missing\">missing</a> <a href=\"/error\">error</a>"
            + " <a href=\"/redirect\">redirect</a> <a href=\"/binary\">binary</a> <a href=\"/out\">out</a>"
            + "</main></body></html>";

    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private TestApi api;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.withGeneratedSite(5);
        api = app.newOwner();
    }

    @AfterEach
    void stop() {
        release.countDown();
        app.close();
        site.close();
    }

    @Test
    void everyUrlOfACrawlIsListedInAdmissionOrderWithItsOutcome() {
        Kb kb = Kb.create(api);
        String jobId = mixedCrawl(kb);

        JsonNode listing = pages(kb, jobId, "");

        assertThat(listing.has("nextCursor")).isFalse();
        assertThat(urlsOf(listing.path("pages")))
                .containsExactly(
                        url("/hub"), url("/missing"), url("/error"), url("/redirect"), url("/binary"), url("/out"));
        assertThat(at(listing, "/hub").path("outcome").asText()).isEqualTo("ingested");
        assertThat(at(listing, "/hub").path("depth").asInt()).isZero();
        assertThat(at(listing, "/hub").path("httpStatus").asInt()).isEqualTo(200);
        assertThat(at(listing, "/missing").path("outcome").asText()).isEqualTo("failed");
        assertThat(at(listing, "/missing").path("httpStatus").asInt()).isEqualTo(404);
        assertThat(at(listing, "/missing").path("reason").asText()).contains("404");
        assertThat(at(listing, "/missing").has("datasetId")).isFalse();
        assertThat(at(listing, "/error").path("outcome").asText()).isEqualTo("failed");
        assertThat(at(listing, "/error").path("attempts").asInt())
                .isEqualTo(app.config().crawl().maxAttempts());
        assertThat(at(listing, "/binary").path("outcome").asText()).isEqualTo("unsupported");
        assertThat(at(listing, "/out").path("depth").asInt()).isEqualTo(1);
        // /out is a list of links: nothing to index, no dataset.
        assertThat(at(listing, "/out").path("outcome").asText()).isEqualTo("empty");
        assertThat(at(listing, "/out").has("datasetId")).isFalse();
        Set<String> datasetIds = new HashSet<>();
        kb.datasets().forEach(dataset -> datasetIds.add(dataset.path("id").asText()));
        List<String> listedDatasets = new ArrayList<>();
        listing.path("pages").forEach(page -> {
            if (page.has("datasetId")) {
                listedDatasets.add(page.path("datasetId").asText());
            }
        });
        assertThat(listedDatasets).hasSize(2).containsExactlyInAnyOrderElementsOf(datasetIds);
    }

    @Test
    void theOutcomeFilterAndTheCursorPageThroughTheListing() {
        Kb kb = Kb.create(api);
        String jobId = mixedCrawl(kb);
        List<String> all = urlsOf(pages(kb, jobId, "").path("pages"));

        List<String> paged = new ArrayList<>();
        int requests = 0;
        String cursor = null;
        do {
            JsonNode page = pages(kb, jobId, "?limit=4" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.path("pages").size()).isBetween(1, 4);
            paged.addAll(urlsOf(page.path("pages")));
            cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
            requests++;
        } while (cursor != null && requests < 10);

        assertThat(requests).isEqualTo(2);
        assertThat(paged).isEqualTo(all);
        // Every URL counted in the job's failed counter, whatever its own outcome.
        assertThat(urlsOf(pages(kb, jobId, "?outcome=failed").path("pages")))
                .containsExactly(url("/missing"), url("/error"), url("/binary"))
                .hasSize((int) kb.job(jobId).path("failed").asLong());
        assertThat(urlsOf(pages(kb, jobId, "?outcome=ingested&limit=2").path("pages")))
                .containsExactly(url("/hub"), url("/redirect"));
        assertThat(urlsOf(pages(kb, jobId, "?outcome=empty").path("pages"))).containsExactly(url("/out"));
        assertThat(urlsOf(pages(kb, jobId, "?outcome=robots").path("pages"))).isEmpty();
    }

    @Test
    void urlsInProgressArePendingOrProcessingAndARunningJobCannotBeRetried() {
        AtomicInteger held = new AtomicInteger();
        site.route("/held", exchange -> {
            held.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "<html><head><title>Held</title></head><body><p>Worth the wait.</p></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        Kb kb = Kb.create(api);
        List<String> urls = List.of(url("/held?n=1"), url("/held?n=2"), url("/held?n=3"));
        String jobId = kb.crawl(Map.of("urls", urls));
        int perServer = app.config().politeness().perHostConcurrency();
        await().atMost(WITHIN).until(() -> held.get() == perServer);

        JsonNode processing = pages(kb, jobId, "?outcome=processing").path("pages");
        JsonNode pending = pages(kb, jobId, "?outcome=pending").path("pages");
        TestApi.Response retry = api.post(kb.path() + "/crawl/jobs/" + jobId + "/retry", Map.of());

        assertThat(processing).hasSize(perServer);
        assertThat(pending).hasSize(urls.size() - perServer);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.json().path("error").path("code").asText()).isEqualTo("conflict");
        assertThat(retry.json().path("error").path("message").asText()).contains("has not finished");
        release.countDown();
        JsonNode finished = kb.awaitFinished(jobId, WITHIN);
        assertThat(finished.path("status").asText()).isEqualTo("completed");
        assertThat(finished.path("done").asLong()).isEqualTo(3);
        TestApi.Response nothingToRetry = api.post(kb.path() + "/crawl/jobs/" + jobId + "/retry", Map.of());
        assertThat(nothingToRetry.status()).isEqualTo(409);
        assertThat(nothingToRetry.json().path("error").path("message").asText()).contains("no failed URL");
    }

    @Test
    void retryingAJobWhoseFailuresNowSucceedCompletesItWithExactCounters() {
        int failFirst = 1;
        flaky("/flaky/a", failFirst);
        flaky("/flaky/b", failFirst);
        Kb kb = Kb.create(api);
        String jobId = kb.crawl(Map.of("urls", List.of(url("/site/"), url("/flaky/a"), url("/flaky/b"))));
        JsonNode first = kb.awaitFinished(jobId, WITHIN);

        TestApi.Response retried = api.post(kb.path() + "/crawl/jobs/" + jobId + "/retry", Map.of());
        JsonNode end = kb.awaitFinished(jobId, WITHIN);

        assertThat(first.path("status").asText()).isEqualTo("completed");
        assertThat(List.of(
                        first.path("total").asLong(),
                        first.path("done").asLong(),
                        first.path("failed").asLong()))
                .containsExactly(3L, 1L, 2L);
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.json().path("jobId").asText()).isEqualTo(jobId);
        assertThat(retried.json().path("failed").asLong()).isZero();
        assertThat(retried.json().path("total").asLong()).isEqualTo(3);
        assertThat(retried.json().path("status").asText()).isEqualTo("running");
        assertThat(end.path("status").asText()).isEqualTo("completed");
        assertThat(List.of(
                        end.path("total").asLong(),
                        end.path("done").asLong(),
                        end.path("failed").asLong()))
                .containsExactly(3L, 3L, 0L);
        assertThat(kb.datasets()).hasSize(3);
        assertThat(site.hits("/flaky/a")).isEqualTo(failFirst + 1);
        assertThat(site.hits("/site/")).isEqualTo(1);
        assertThat(urlsOf(pages(kb, jobId, "?outcome=failed").path("pages"))).isEmpty();
    }

    @Test
    void badParametersAreRefusedAndOtherOwnersFindNothing() {
        Kb kb = Kb.create(api);
        String jobId = kb.crawl(Map.of("urls", List.of(url("/site/"))));
        kb.awaitFinished(jobId, WITHIN);
        String pages = kb.path() + "/crawl/jobs/" + jobId + "/pages";

        assertThat(problem(api.get(pages + "?outcome=bogus"))).containsKey("outcome");
        assertThat(problem(api.get(pages + "?limit=0"))).containsKey("limit");
        assertThat(problem(api.get(pages + "?limit=1001"))).containsKey("limit");
        assertThat(problem(api.get(pages + "?cursor=not-a-cursor"))).containsKey("cursor");
        assertThat(problem(api.get(pages + "?cursor=" + "p".repeat(65)))).containsKey("cursor");
        assertThat(api.get(kb.path() + "/crawl/jobs/job_unknown/pages").status())
                .isEqualTo(404);
        assertThat(api.post(kb.path() + "/crawl/jobs/job_unknown/retry", Map.of())
                        .status())
                .isEqualTo(404);
        TestApi stranger = app.newOwner();
        assertThat(stranger.get(pages).status()).isEqualTo(404);
        assertThat(stranger.post(kb.path() + "/crawl/jobs/" + jobId + "/retry", Map.of())
                        .status())
                .isEqualTo(404);
    }

    /**
     * A crawl of /hub one hop deep: 2 pages ingested (/hub, /redirect), /out (a list of links) empty, /missing and
     * /error failed, /binary unsupported.
     */
    private String mixedCrawl(Kb kb) {
        site.page("/hub", HUB);
        String jobId = kb.crawl(Map.of("url", url("/hub"), "crawlEntireDomain", true, "maxDepth", 1));
        JsonNode job = kb.awaitFinished(jobId, WITHIN);
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(List.of(
                        job.path("total").asLong(),
                        job.path("done").asLong(),
                        job.path("failed").asLong()))
                .containsExactly(6L, 3L, 3L);
        return jobId;
    }

    /** Serves a page at {@code path} after answering its first {@code failures} requests with 404. */
    private void flaky(String path, int failures) {
        AtomicInteger requests = new AtomicInteger();
        site.route(path, exchange -> {
            boolean fail = requests.incrementAndGet() <= failures;
            String html = fail
                    ? "<html><body><p>Not here yet.</p></body></html>"
                    : "<html><head><title>" + path + "</title></head><body><p>Here at last: " + path
                            + ".</p></body></html>";
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(fail ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
        });
    }

    private JsonNode pages(Kb kb, String jobId, String query) {
        TestApi.Response response = api.get(kb.path() + "/crawl/jobs/" + jobId + "/pages" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, String> problem(TestApi.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        Map<String, String> details = new TreeMap<>();
        response.json()
                .path("error")
                .path("details")
                .properties()
                .forEach(e -> details.put(e.getKey(), e.getValue().asText()));
        return details;
    }

    /** The listed page of {@code path}; a missing node when it is not listed. */
    private JsonNode at(JsonNode listing, String path) {
        for (JsonNode page : listing.path("pages")) {
            if (page.path("url").asText().equals(url(path))) {
                return page;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> urlsOf(JsonNode pages) {
        List<String> urls = new ArrayList<>();
        pages.forEach(page -> urls.add(page.path("url").asText()));
        return urls;
    }

    private String url(String pathAndQuery) {
        return site.url(pathAndQuery).toString();
    }
}
