package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /health} tells the truth through the real application: {@code ok} (200) while every long-running part
 * works, {@code degraded} (503) naming the part and the error once one hits an error the process cannot recover from,
 * and {@code /metrics} says the same as gauges.
 */
class HealthApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Test
    void healthyProcessIsOkAndListsEveryLoopInMetrics(@TempDir Path data) {
        try (TestApp app = TestApp.start(data)) {
            TestApi api = app.anonymous();

            TestApi.Response health = api.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("ok");
            assertThat(health.json().path("role").asText()).isEqualTo("all");
            assertThat(health.json().has("problems")).isFalse();
            assertThat(health.json().path("index").path("openedBy").asText()).isEqualTo("rebuilt");
            assertThat(health.json().path("index").path("lagChanges").asLong()).isZero();
            String metrics = api.get("/metrics").text();
            assertThat(metrics).contains("gleaner_health_degraded 0.0\n");
            for (String loop : List.of(
                    "crawl dispatcher",
                    "lease renewer",
                    "job feed poller",
                    "webhook dispatcher",
                    "upload workers",
                    "index committer",
                    "index follower")) {
                assertThat(metrics).contains("gleaner_loop_healthy{loop=\"" + loop + "\"} 1.0\n");
            }
        }
    }

    @Test
    void outOfMemoryInAnUploadWorkerMakesHealthDegraded(@TempDir Path data) {
        AtomicBoolean exhausted = new AtomicBoolean(false);
        Embedder healthy = new HashingEmbedder(TestApp.MODEL, 384);
        Embedder runsOutOfMemory = new Embedder() {
            @Override
            public String modelName() {
                return healthy.modelName();
            }

            @Override
            public int dimensions() {
                return healthy.dimensions();
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                if (exhausted.get()) {
                    throw new OutOfMemoryError("simulated heap exhaustion");
                }
                return healthy.embed(texts);
            }
        };
        try (TestApp app = TestApp.start(TestApp.config(data), runsOutOfMemory)) {
            Kb kb = Kb.create(app.newOwner());
            assertThat(app.anonymous().get("/health").status()).isEqualTo(200);

            exhausted.set(true);
            TestApi.Response uploaded = kb.api()
                    .upload(
                            kb.path() + "/datasets",
                            "dataset",
                            "notes.txt",
                            "text/plain",
                            "Some notes about the heap.".getBytes(StandardCharsets.UTF_8));
            assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);

            await().atMost(WITHIN).untilAsserted(() -> {
                TestApi.Response health = app.anonymous().get("/health");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.json().path("status").asText()).isEqualTo("degraded");
                assertThat(health.json()
                                .path("problems")
                                .get(0)
                                .path("component")
                                .asText())
                        .isEqualTo("upload workers");
                assertThat(health.json().path("problems").get(0).path("problem").asText())
                        .isEqualTo("OutOfMemoryError: simulated heap exhaustion");
            });
            String metrics = app.anonymous().get("/metrics").text();
            assertThat(metrics)
                    .contains("gleaner_health_degraded 1.0\n")
                    .contains("gleaner_loop_healthy{loop=\"upload workers\"} 0.0\n")
                    .contains("gleaner_loop_healthy{loop=\"crawl dispatcher\"} 1.0\n");
        }
    }
}
