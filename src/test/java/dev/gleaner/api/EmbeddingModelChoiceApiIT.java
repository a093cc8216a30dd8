package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.EmbeddingThreads;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.ingest.MiniLmQuantizedEmbedder;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A knowledgebase chooses among the models the process offers, here the default one and the quantized model, which
 * {@code GET /v1/embedding-models} lists.
 */
class EmbeddingModelChoiceApiIT {
    private static final String QUANTIZED = MiniLmQuantizedEmbedder.MODEL_NAME;

    private static ExecutorService pool;
    private static TestApp app;

    @BeforeAll
    static void start(@TempDir Path data) {
        pool = EmbeddingThreads.sized(2);
        app = TestApp.start(
                TestApp.config(data),
                List.of(new HashingEmbedder(TestApp.MODEL, 384), new MiniLmQuantizedEmbedder(pool)));
    }

    @AfterAll
    static void stop() {
        app.close();
        pool.shutdownNow();
    }

    @Test
    void aKnowledgebaseCreatedWithTheQuantizedModelCrawlsAndAnswersWithIt() {
        try (TestSite site = TestSite.start()) {
            site.page(
                    "/reset.html",
                    "<!doctype html><html><head><title>Resetting your password</title></head><body><main>"
                            + "<p>If you forgot your password, choose Forgot password on the sign-in page and follow"
                            + " the reset link we email you.</p></main></body></html>");
            Kb kb = Kb.create(app.newOwner(), Map.of("embeddingModelName", QUANTIZED));

            JsonNode read = kb.api().get(kb.path()).json();
            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("url", site.url("/reset.html").toString())), Duration.ofSeconds(60));
            JsonNode hits = kb.query("How do I get a new password?", 1, 0.3);

            assertThat(read.path("embeddingModelName").asText()).isEqualTo(QUANTIZED);
            assertThat(job.path("done").asLong()).as(job.toString()).isEqualTo(1);
            assertThat(hits).singleElement().satisfies(hit -> assertThat(
                            hit.path("sourceUrl").asText())
                    .isEqualTo(site.url("/reset.html").toString()));
        }
    }

    @Test
    void theModelListNamesBothOfferedModelsTheDefaultFirstWithTheirLengths() {
        TestApi.Response listed = app.newOwner().get("/v1/embedding-models");

        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        JsonNode models = listed.json().path("data");
        assertThat(models.findValuesAsText("name")).containsExactly(TestApp.MODEL, QUANTIZED);
        assertThat(models).extracting(m -> m.path("isDefault").asBoolean()).containsExactly(true, false);
        assertThat(models).extracting(m -> m.path("dimensions").asInt()).containsExactly(384, 384);
    }

    @Test
    void theModelListNeedsAKey() {
        TestApi.Response refused = app.anonymous().get("/v1/embedding-models");

        assertThat(refused.status()).as(refused.text()).isEqualTo(401);
    }

    @Test
    void anUnknownModelIsRefusedListingBothOfferedModels() {
        TestApi api = app.newOwner();
        String projectId = api.post("/v1/projects", Map.of("name", "models"))
                .json()
                .path("data")
                .path("id")
                .asText();

        TestApi.Response refused = api.post(
                "/v1/projects/" + projectId + "/knowledgebases",
                Map.of("name", "Remote", "embeddingModelName", "text-embedding-3-small"));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json()
                        .path("error")
                        .path("details")
                        .path("embeddingModelName")
                        .asText())
                .contains(TestApp.MODEL, QUANTIZED);
    }
}
