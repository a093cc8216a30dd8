package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress a UI shows is exact at every instant: readers hammer the jobs endpoint while several jobs crawl, and
 * every response must satisfy the documented invariants.
 */
class JobProgressIT {
    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private TestApi api;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.withGeneratedSite(60);
        api = app.newOwner();
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void invariantsHoldAtEveryInstantWhileJobsRun() throws Exception {
        Kb kb = Kb.create(api);
        String crawl = kb.crawl(Map.of("url", site.siteUrl().toString()));
        String batch = kb.crawl(Map.of(
                "urls",
                site.sitePages().stream().limit(30).map(Object::toString).toList()));
        AtomicBoolean finished = new AtomicBoolean();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger observations = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(Thread.ofVirtual().start(() -> {
                Map<String, long[]> previous = new HashMap<>();
                while (!finished.get()) {
                    for (JsonNode job : kb.jobs()) {
                        observations.incrementAndGet();
                        check(job, previous.get(job.path("jobId").asText()), violations);
                        previous.put(job.path("jobId").asText(), new long[] {
                            job.path("total").asLong(),
                            job.path("done").asLong(),
                            job.path("failed").asLong()
                        });
                    }
                }
            }));
        }

        JsonNode crawled = kb.awaitFinished(crawl, Duration.ofSeconds(90));
        JsonNode imported = kb.awaitFinished(batch, Duration.ofSeconds(90));
        finished.set(true);
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(violations).isEmpty();
        assertThat(observations.get()).isGreaterThan(20);
        assertThat(crawled.path("status").asText()).isEqualTo("completed");
        assertThat(crawled.path("done").asLong()).isEqualTo(60);
        assertThat(imported.path("status").asText()).isEqualTo("completed");
        assertThat(imported.path("done").asLong()).isEqualTo(30);
    }

    private static void check(
            JsonNode job, long @org.jspecify.annotations.Nullable [] before, List<String> violations) {
        long total = job.path("total").asLong();
        long done = job.path("done").asLong();
        long failed = job.path("failed").asLong();
        String status = job.path("status").asText();
        if (done < 0 || failed < 0 || done + failed > total) {
            violations.add("counters out of bounds: " + job);
        }
        if (status.equals("completed") && done + failed != total) {
            violations.add("completed but done + failed != total: " + job);
        }
        if (before != null && (total < before[0] || done < before[1] || failed < before[2])) {
            violations.add("a counter went back: " + job);
        }
    }
}
