package dev.gleaner.testapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** A knowledgebase created through the API, with shortcuts for its routes. */
public record Kb(TestApi api, String projectId, String id) {

    /** Creates a project and a knowledgebase in it (default settings unless given). */
    public static Kb create(TestApi api, Map<String, Object> settings) {
        TestApi.Response project = api.post("/v1/projects", Map.of("name", "test project"));
        assertThat(project.status()).as(project.text()).isEqualTo(201);
        String projectId = project.json().path("data").path("id").asText();
        Map<String, Object> body = new java.util.HashMap<>(settings);
        body.putIfAbsent("name", "test kb");
        TestApi.Response kb = api.post("/v1/projects/" + projectId + "/knowledgebases", body);
        assertThat(kb.status()).as(kb.text()).isEqualTo(201);
        return new Kb(api, projectId, kb.json().path("id").asText());
    }

    public static Kb create(TestApi api) {
        return create(api, Map.of());
    }

    public String path() {
        return "/v1/projects/" + projectId + "/knowledgebases/" + id;
    }

    /** Starts a crawl or import; asserts it was accepted and returns its job id. */
    public String crawl(Map<String, Object> request) {
        TestApi.Response accepted = api.post(path() + "/crawl", request);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return accepted.json().path("jobId").asText();
    }

    public JsonNode job(String jobId) {
        TestApi.Response response = api.get(path() + "/crawl/jobs/" + jobId);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    /**
     * The job as job events and webhooks carry it: {@code indexPosition} belongs to an HTTP read (the store's change
     * feed position at that moment), not to the job.
     */
    public static JsonNode asEvent(JsonNode job) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = job.deepCopy();
        copy.remove("indexPosition");
        return copy;
    }

    public JsonNode jobs() {
        TestApi.Response response = api.get(path() + "/crawl/jobs");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().path("jobs");
    }

    /** Waits until the job has finished (any final status) and returns it. */
    public JsonNode awaitFinished(String jobId, Duration within) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(within).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonNode job = job(jobId);
            last.set(job);
            assertThat(job.path("status").asText()).isIn("completed", "failed", "cancelled");
        });
        return java.util.Objects.requireNonNull(last.get());
    }

    public JsonNode query(String question, int topK, double threshold) {
        String q = java.net.URLEncoder.encode(question, java.nio.charset.StandardCharsets.UTF_8);
        TestApi.Response response =
                api.get(path() + "/query?q=" + q + "&topK=" + topK + "&scoreThreshold=" + threshold);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    public JsonNode datasets() {
        TestApi.Response response = api.get(path() + "/datasets?limit=1000");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }
}
