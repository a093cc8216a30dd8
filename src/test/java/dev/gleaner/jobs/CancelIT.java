package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CancelIT {
    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private TestApi api;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.builder()
                .generatedPages(3)
                .slowDelay(Duration.ofSeconds(2))
                .start();
        api = app.newOwner();
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void cancelStopsPendingUrlsAtOnceWithoutCountingThemAsFailed() {
        Kb kb = Kb.create(api);
        List<String> slow = IntStream.range(0, 10)
                .mapToObj(i -> site.url("/slow?i=" + i).toString())
                .toList();
        String jobId = kb.crawl(Map.of("urls", slow));
        // Two requests per host at most: once two are in flight, the other eight wait in the frontier.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> slowRequests() == app.config().politeness().perHostConcurrency());

        TestApi.Response cancelled = api.post(kb.path() + "/crawl/jobs/" + jobId + "/cancel", Map.of());

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().path("total").asLong()).isEqualTo(10);
        assertThat(cancelled.json().path("failed").asLong()).isZero();
        assertThat(cancelled.json().path("done").asLong()).isZero();
        // The requests in flight end and their results are dropped; nothing else is fetched or recorded.
        long inFlight = slowRequests();
        int requested = site.requests().size();
        await().atMost(Duration.ofSeconds(15)).until(() -> lostLeases() >= inFlight);
        JsonNode after = kb.job(jobId);
        assertThat(after.path("done").asLong()).isZero();
        assertThat(after.path("failed").asLong()).isZero();
        assertThat(site.requests()).hasSize(requested);
        assertThat(kb.datasets()).isEmpty();
    }

    private long slowRequests() {
        return site.requests().stream()
                .filter(r -> r.pathAndQuery().startsWith("/slow"))
                .count();
    }

    private long lostLeases() {
        String metrics = app.anonymous().get("/metrics").text();
        return metrics.lines()
                .filter(line -> line.startsWith("gleaner_leases_lost_total "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .sum();
    }

    @Test
    void cancellingAFinishedJobIsAConflict() {
        Kb kb = Kb.create(api);
        String jobId = kb.crawl(Map.of("urls", List.of(site.url("/").toString())));
        kb.awaitFinished(jobId, Duration.ofSeconds(30));

        TestApi.Response response = api.post(kb.path() + "/crawl/jobs/" + jobId + "/cancel", Map.of());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("conflict");
    }

    @Test
    void unknownJobIsNotFound() {
        Kb kb = Kb.create(api);

        assertThat(api.get(kb.path() + "/crawl/jobs/job_nope").status()).isEqualTo(404);
        assertThat(api.post(kb.path() + "/crawl/jobs/job_nope/cancel", Map.of()).status())
                .isEqualTo(404);
    }
}
