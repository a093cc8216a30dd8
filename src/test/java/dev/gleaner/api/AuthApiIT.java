package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication and ownership through the real application: every {@code /v1} route wants a valid developer key, and
 * an owner can neither see nor change anything of another owner, whose resources answer 404 as if they did not exist.
 */
class AuthApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String UNKNOWN_KEY = "dk_" + "0".repeat(64);

    private static TestApp app;
    private static TestSite site;

    @BeforeAll
    static void start(@TempDir Path data) {
        app = TestApp.start(data);
        site = TestSite.start();
    }

    @AfterAll
    static void stop() {
        app.close();
        site.close();
    }

    @Test
    void missingKeyIsUnauthorizedOnEveryKindOfRoute() {
        TestApi anonymous = app.anonymous();
        Kb kb = Kb.create(app.newOwner());
        int fetches = site.requests().size();

        List<TestApi.Response> responses = List.of(
                anonymous.get("/v1/projects"),
                anonymous.post("/v1/projects", Map.of("name", "sneaky")),
                anonymous.get("/v1/projects/" + kb.projectId()),
                anonymous.delete("/v1/projects/" + kb.projectId()),
                anonymous.get(kb.path()),
                anonymous.get(kb.path() + "/query?q=anything"),
                anonymous.get(kb.path() + "/datasets"),
                anonymous.post(
                        kb.path() + "/crawl", Map.of("url", site.siteUrl().toString())),
                anonymous.get(kb.path() + "/crawl/jobs"));

        responses.forEach(AuthApiIT::assertUnauthorized);
        assertThat(kb.jobs()).isEmpty();
        assertThat(kb.api().get("/v1/projects").json().path("data")).hasSize(1);
        assertThat(site.requests()).hasSize(fetches);
    }

    @Test
    void malformedKeyIsUnauthorized() {
        List<String> headers = List.of(
                UNKNOWN_KEY,
                "Basic dXNlcjpwYXNzd29yZA==",
                "Bearer",
                "Bearer ",
                "Bearer not-a-developer-key",
                "Bearer dk_" + "a".repeat(300),
                "Token " + UNKNOWN_KEY);

        for (String header : headers) {
            TestApi client = app.anonymous().withAuthorization(header);
            assertUnauthorized(client.get("/v1/projects"));
            assertUnauthorized(client.post("/v1/projects", Map.of("name", "sneaky")));
        }
    }

    @Test
    void unknownKeyIsUnauthorizedAndAnsweredLikeAMissingOne() {
        TestApi owner = app.newOwner();
        String key = Objects.requireNonNull(owner.key());
        String altered = key.substring(0, key.length() - 1) + (key.endsWith("0") ? "1" : "0");

        TestApi.Response unknown = app.anonymous().withKey(UNKNOWN_KEY).get("/v1/projects");
        TestApi.Response nearlyValid = app.anonymous().withKey(altered).get("/v1/projects");
        TestApi.Response missing = app.anonymous().get("/v1/projects");

        assertUnauthorized(unknown);
        assertUnauthorized(nearlyValid);
        assertThat(unknown.text()).isEqualTo(missing.text()).isEqualTo(nearlyValid.text());
        assertThat(owner.get("/v1/projects").status()).isEqualTo(200);
    }

    @Test
    void schemeIsCaseInsensitive() {
        TestApi owner = app.newOwner();
        TestApi lowerCase = app.anonymous().withAuthorization("bearer " + owner.key());

        TestApi.Response response = lowerCase.get("/v1/projects");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    @Test
    void healthMetricsAndOpenApiNeedNoKey() {
        for (TestApi client : List.of(app.anonymous(), app.anonymous().withAuthorization("Bearer nonsense"))) {
            TestApi.Response health = client.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("ok");

            TestApi.Response metrics = client.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain");
            assertThat(metrics.text()).contains("# TYPE ");

            TestApi.Response openApi = client.get("/openapi.json");
            assertThat(openApi.status()).isEqualTo(200);
            assertThat(openApi.json().path("openapi").asText()).startsWith("3.1");
            assertThat(openApi.json().path("paths").has("/v1/projects")).isTrue();
        }
    }

    @Test
    void anotherOwnersProjectAndKnowledgebaseAreNotFoundOnEveryRouteAndStayUnchanged() {
        TestApi victim = app.newOwner();
        Kb kb = Kb.create(victim);
        String jobId = kb.crawl(Map.of(
                "urls",
                List.of(
                        site.url(GeneratedSite.path(1)).toString(),
                        site.url(GeneratedSite.path(2)).toString())));
        assertThat(kb.awaitFinished(jobId, WITHIN).path("status").asText()).isEqualTo("completed");
        String datasetId = kb.datasets().get(0).path("id").asText();
        String chunkId = victim.get(kb.path() + "/datasets/" + datasetId + "/chunks")
                .json()
                .get(0)
                .path("id")
                .asText();
        Map<String, JsonNode> before = snapshot(victim, kb, datasetId, jobId);
        int fetches = site.requests().size();
        TestApi attacker = app.newOwner();

        List<String> refused = new ArrayList<>();
        for (Call call : everyRoute(kb.projectId(), kb.path(), datasetId, chunkId, jobId)) {
            TestApi.Response response = call.on(attacker);
            if (response.status() != 404 || !"not_found".equals(errorCode(response))) {
                refused.add(call + " → " + response.status() + " " + response.text());
            }
        }

        assertThat(refused).as("routes that did not answer 404 not_found").isEmpty();
        assertThat(attacker.get("/v1/projects").json().path("data")).isEmpty();
        assertThat(snapshot(victim, kb, datasetId, jobId)).isEqualTo(before);
        assertThat(site.requests()).as("no crawl was started").hasSize(fetches);
    }

    @Test
    void anotherOwnersKnowledgebaseIsNotFoundUnderTheCallersOwnProject() {
        TestApi victim = app.newOwner();
        Kb kb = Kb.create(victim);
        Map<String, JsonNode> before = snapshot(victim, kb, null, null);
        TestApi attacker = app.newOwner();
        Kb own = Kb.create(attacker);
        String mixed = "/v1/projects/" + own.projectId() + "/knowledgebases/" + kb.id();

        List<String> refused = new ArrayList<>();
        for (Call call : knowledgebaseRoutes(mixed, "dataset_none", "chunk_none", "job_none")) {
            TestApi.Response response = call.on(attacker);
            if (response.status() != 404 || !"not_found".equals(errorCode(response))) {
                refused.add(call + " → " + response.status() + " " + response.text());
            }
        }

        assertThat(refused).as("routes that did not answer 404 not_found").isEmpty();
        assertThat(snapshot(victim, kb, null, null)).isEqualTo(before);
        JsonNode ownKbs = attacker.get("/v1/projects/" + own.projectId() + "/knowledgebases")
                .json();
        assertThat(ownKbs).hasSize(1);
        assertThat(ownKbs.get(0).path("id").asText()).isEqualTo(own.id());
    }

    /** One request of the API, described so that a failure names it. */
    private record Call(String method, String path, @Nullable Object body) {
        TestApi.Response on(TestApi api) {
            return switch (method) {
                case "GET" -> api.get(path);
                case "DELETE" -> api.delete(path);
                case "POST" -> api.post(path, Objects.requireNonNull(body));
                case "PATCH" -> api.patch(path, Objects.requireNonNull(body));
                default -> throw new IllegalArgumentException(method);
            };
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static List<Call> everyRoute(
            String projectId, String kbPath, String datasetId, String chunkId, String jobId) {
        List<Call> calls = new ArrayList<>();
        String project = "/v1/projects/" + projectId;
        calls.add(new Call("GET", project, null));
        calls.add(new Call("GET", project + "/knowledgebases", null));
        calls.add(new Call("POST", project + "/knowledgebases", Map.of("name", "planted")));
        calls.addAll(knowledgebaseRoutes(kbPath, datasetId, chunkId, jobId));
        // Deleting the project comes last: were it wrongly allowed, it would hide what the other routes do.
        calls.add(new Call("DELETE", project, null));
        return calls;
    }

    private static List<Call> knowledgebaseRoutes(String kbPath, String datasetId, String chunkId, String jobId) {
        String dataset = kbPath + "/datasets/" + datasetId;
        String job = kbPath + "/crawl/jobs/" + jobId;
        return List.of(
                new Call("GET", kbPath, null),
                new Call("PATCH", kbPath, Map.of("name", "renamed by someone else")),
                new Call("GET", kbPath + "/query?q=page&topK=5&scoreThreshold=0", null),
                new Call("GET", kbPath + "/datasets", null),
                new Call("GET", dataset, null),
                new Call("GET", dataset + "/chunks", null),
                new Call("GET", dataset + "/file", null),
                new Call("PATCH", dataset + "/chunks/" + chunkId, Map.of("isEnabled", false)),
                new Call("POST", kbPath + "/crawl", Map.of("url", site.siteUrl().toString())),
                new Call(
                        "POST",
                        kbPath + "/crawl",
                        Map.of("urls", List.of(site.siteUrl().toString()))),
                new Call("GET", kbPath + "/crawl/jobs", null),
                new Call("GET", job, null),
                new Call("POST", job + "/cancel", Map.of()),
                new Call("DELETE", dataset, null),
                new Call("DELETE", kbPath, null));
    }

    /** Everything the owner can read of its project and knowledgebase, by route. */
    private static Map<String, JsonNode> snapshot(
            TestApi owner, Kb kb, @Nullable String datasetId, @Nullable String jobId) {
        List<String> paths = new ArrayList<>(List.of(
                "/v1/projects",
                "/v1/projects/" + kb.projectId(),
                "/v1/projects/" + kb.projectId() + "/knowledgebases",
                kb.path(),
                kb.path() + "/datasets",
                kb.path() + "/crawl/jobs",
                kb.path() + "/query?q=page&topK=50&scoreThreshold=0"));
        if (datasetId != null) {
            paths.add(kb.path() + "/datasets/" + datasetId);
            paths.add(kb.path() + "/datasets/" + datasetId + "/chunks");
        }
        if (jobId != null) {
            paths.add(kb.path() + "/crawl/jobs/" + jobId);
        }
        Map<String, JsonNode> snapshot = new LinkedHashMap<>();
        for (String path : paths) {
            TestApi.Response response = owner.get(path);
            assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
            snapshot.put(path, response.json());
        }
        if (datasetId != null) {
            TestApi.Response file = owner.get(kb.path() + "/datasets/" + datasetId + "/file");
            assertThat(file.status()).isEqualTo(200);
            snapshot.put("file", new BinaryNode(file.body()));
        }
        return snapshot;
    }

    private static void assertUnauthorized(TestApi.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("unauthorized");
        assertThat(response.json().path("error").path("message").asText()).isNotBlank();
    }

    private static @Nullable String errorCode(TestApi.Response response) {
        JsonNode code = response.json().path("error").path("code");
        return code.isTextual() ? code.asText() : null;
    }
}
