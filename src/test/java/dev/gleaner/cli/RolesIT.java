package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.Role;
import dev.gleaner.config.StoreConfig;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.store.Dialect;
import dev.gleaner.store.TestDatabases;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes sharing one PostgreSQL database, split by {@code --role}: the {@code api} one accepts crawls and uploads
 * and leaves them queued; the {@code worker} one does them, and over HTTP answers only {@code /health} and
 * {@code /metrics}.
 */
class RolesIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** How long the queued work is watched staying untouched while no worker runs. */
    private static final Duration UNTOUCHED_FOR = Duration.ofSeconds(2);
    /** Shorter than the default, so that the test does not wait for the worker's next look at the uploads. */
    private static final Duration UPLOAD_POLL = Duration.ofMillis(200);

    @TempDir
    Path data;

    private TestDatabases databases;
    private String databaseUrl;
    private TestSite site;
    private TestApp api;

    @BeforeEach
    void start() {
        databases = new TestDatabases(data);
        databaseUrl = databases.location(Dialect.POSTGRES).where();
        site = TestSite.withGeneratedSite(3);
        api = TestApp.start(data.resolve("api"), c -> inRole(c, Role.API));
    }

    @AfterEach
    void stop() {
        api.close();
        site.close();
        databases.close();
    }

    @Test
    void anApiProcessQueuesCrawlsAndUploadsWhichAWorkerProcessDoes() {
        Kb kb = Kb.create(api.newOwner());
        List<String> urls = List.of(
                site.url(GeneratedSite.path(1)).toString(),
                site.url(GeneratedSite.path(2)).toString());
        String jobId = kb.crawl(Map.of("urls", urls));
        String early = upload(kb, "early.txt", "Reindeer herders count their animals at the autumn corral.");

        await().during(UNTOUCHED_FOR)
                .atMost(UNTOUCHED_FOR.multipliedBy(3))
                .until(() -> kb.job(jobId).path("status").asText().equals("queued")
                        && !dataset(kb, early).path("isParsed").asBoolean());
        assertThat(site.requests()).isEmpty();

        try (TestApp worker = TestApp.start(data.resolve("worker"), c -> inRole(c, Role.WORKER))) {
            JsonNode job = kb.awaitFinished(jobId, WITHIN);
            // Accepted while the worker runs: found by its periodic look at the database, not at its start.
            String late = upload(kb, "late.txt", "Cloudberries ripen in the bogs late in the summer.");

            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
            assertThat(job.path("done").asLong()).as(job.toString()).isEqualTo(urls.size());
            assertThat(awaitParsed(kb, early).path("chunkCount").asLong()).isPositive();
            assertThat(awaitParsed(kb, late).path("chunkCount").asLong()).isPositive();
            assertThat(api.anonymous().get("/health").json().path("role").asText())
                    .isEqualTo("api");
        }
    }

    @Test
    void aWorkerAnswersOnlyHealthAndMetrics() {
        try (TestApp worker = TestApp.start(data.resolve("worker"), c -> inRole(c, Role.WORKER))) {
            TestApi anonymous = worker.anonymous();
            TestApi owner = TestApi.forPort(worker.port(), api.newOwner().key());

            TestApi.Response health = anonymous.get("/health");
            TestApi.Response metrics = anonymous.sendUnchecked("GET", "/metrics", null, "text/plain");

            assertThat(health.status()).as(health.text()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("ok");
            assertThat(health.json().path("role").asText()).isEqualTo("worker");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.text()).contains("gleaner_");
            for (String path : List.of("/v1/projects", "/", "/index.html", "/openapi.json")) {
                assertWorkerNotFound(owner.sendUnchecked("GET", path, null, "application/json"), path);
            }
        }
    }

    @Test
    void aWorkerStartedFirstIssuesNoDeveloperKey() {
        String fresh = databases.location(Dialect.POSTGRES).where();
        GleanerConfig config = TestApp.config(data.resolve("first-worker"))
                .withServer(server -> server.withRole(Role.WORKER))
                .withStore(store -> new StoreConfig(store.dataDir(), fresh));

        try (Application worker = Application.start(config, List.of(new HashingEmbedder(TestApp.MODEL, 384)))) {
            assertThat(worker.firstKey()).isEmpty();
            assertThat(worker.keys().anyExist()).isFalse();
        }
    }

    private static void assertWorkerNotFound(TestApi.Response response, String path) {
        assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode error = response.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo("not_found");
        assertThat(error.path("message").asText())
                .isEqualTo("No route matches GET " + path
                        + ": this process is a worker (--role worker) and serves only /health and /metrics");
    }

    private GleanerConfig inRole(GleanerConfig config, Role role) {
        return config.withServer(server -> server.withRole(role))
                .withStore(store -> new StoreConfig(store.dataDir(), databaseUrl))
                .withUploads(uploads -> uploads.withPollInterval(UPLOAD_POLL));
    }

    private static String upload(Kb kb, String filename, String text) {
        TestApi.Response accepted = kb.api()
                .upload(
                        kb.path() + "/datasets",
                        "dataset",
                        filename,
                        "text/plain",
                        text.getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(201);
        return accepted.json().path("id").asText();
    }

    private static JsonNode awaitParsed(Kb kb, String datasetId) {
        return await().atMost(WITHIN)
                .until(() -> dataset(kb, datasetId), d -> d.path("isParsed").asBoolean());
    }

    private static JsonNode dataset(Kb kb, String id) {
        TestApi.Response response = kb.api().get(kb.path() + "/datasets/" + id);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }
}
