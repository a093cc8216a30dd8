package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projects and knowledgebases through the real application: envelopes, order, defaults, changes and deletion. */
class ProjectsAndKnowledgebasesApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Duration SLOW_PAGE = Duration.ofSeconds(2);
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final Set<String> PROJECT_FIELDS = Set.of("id", "name", "createdAt", "updatedAt");
    private static final Set<String> KNOWLEDGEBASE_FIELDS = Set.of(
            "id",
            "name",
            "type",
            "embeddingModelName",
            "chunkSize",
            "chunkOverlap",
            "createdAt",
            "updatedAt",
            "datasetCount",
            "chunkCount");

    private static TestApp app;
    private static TestSite site;

    @BeforeAll
    static void start(@TempDir Path data) {
        app = TestApp.start(data);
        site = TestSite.builder().slowDelay(SLOW_PAGE).start();
    }

    @AfterAll
    static void stop() {
        app.close();
        site.close();
    }

    @Test
    void createdProjectIsAnsweredInADataEnvelopeAndCanBeRead() {
        TestApi api = app.newOwner();

        TestApi.Response created = api.post("/v1/projects", Map.of("name", "Handbook"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(fieldNames(created.json())).containsExactly("data");
        JsonNode project = created.json().path("data");
        assertThat(fieldNames(project)).containsExactlyInAnyOrderElementsOf(PROJECT_FIELDS);
        assertThat(project.path("id").asText()).startsWith("proj_");
        assertThat(project.path("name").asText()).isEqualTo("Handbook");
        assertThat(project.path("createdAt").asText()).matches(TIMESTAMP);
        assertThat(project.path("updatedAt").asText())
                .isEqualTo(project.path("createdAt").asText());

        TestApi.Response read = api.get("/v1/projects/" + project.path("id").asText());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
    }

    @Test
    void projectsAreListedNewestFirstAndOnlyToTheirOwner() {
        TestApi api = app.newOwner();
        TestApi other = app.newOwner();
        String othersProject = createProject(other, "someone else's");
        List<String> created = new ArrayList<>();
        for (String name : List.of("first", "second", "third")) {
            created.add(createProject(api, name));
        }

        TestApi.Response listed = api.get("/v1/projects");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(fieldNames(listed.json())).containsExactly("data");
        assertThat(ids(listed.json().path("data"))).containsExactlyElementsOf(created.reversed());
        assertThat(ids(other.get("/v1/projects").json().path("data"))).containsExactly(othersProject);
    }

    @Test
    void unknownProjectIsNotFound() {
        TestApi api = app.newOwner();

        assertNotFound(api.get("/v1/projects/proj_doesnotexist"));
        assertNotFound(api.delete("/v1/projects/proj_doesnotexist"));
        assertNotFound(api.get("/v1/projects/proj_doesnotexist/knowledgebases"));
        assertNotFound(api.post("/v1/projects/proj_doesnotexist/knowledgebases", Map.of("name", "orphan")));
        assertNotFound(api.get("/v1/projects/proj_" + "x".repeat(5_000)));
        assertThat(api.get("/v1/projects").json().path("data")).isEmpty();
    }

    @Test
    void knowledgebaseIsCreatedWithTheDocumentedDefaults() {
        TestApi api = app.newOwner();
        String projectId = createProject(api, "defaults");

        TestApi.Response created = api.post(knowledgebases(projectId), Map.of("name", "Docs"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode kb = created.json();
        assertThat(kb.path("message").asText()).isEqualTo("Knowledgebase created successfully");
        assertThat(fieldNames(kb)).containsExactlyInAnyOrderElementsOf(with(KNOWLEDGEBASE_FIELDS, "message"));
        assertThat(kb.path("id").asText()).startsWith("kb_");
        assertThat(kb.path("name").asText()).isEqualTo("Docs");
        assertThat(kb.path("type").asText()).isEqualTo("lucene");
        assertThat(kb.path("embeddingModelName").asText()).isEqualTo(TestApp.MODEL);
        assertThat(kb.path("chunkSize").asInt()).isEqualTo(500);
        assertThat(kb.path("chunkOverlap").asInt()).isEqualTo(50);
        assertThat(kb.path("datasetCount").asLong()).isZero();
        assertThat(kb.path("chunkCount").asLong()).isZero();
        assertThat(kb.path("createdAt").asText()).matches(TIMESTAMP);

        TestApi.Response read =
                api.get(knowledgebases(projectId) + "/" + kb.path("id").asText());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(withoutMessage(kb));
    }

    @Test
    void knowledgebaseKeepsTheSettingsItWasCreatedWith() {
        TestApi api = app.newOwner();
        String projectId = createProject(api, "settings");

        TestApi.Response created = api.post(
                knowledgebases(projectId),
                Map.of("name", "Tuned", "embeddingModelName", TestApp.MODEL, "chunkSize", 1200, "chunkOverlap", 120));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode read = api.get(knowledgebases(projectId) + "/"
                        + created.json().path("id").asText())
                .json();
        assertThat(read.path("chunkSize").asInt()).isEqualTo(1200);
        assertThat(read.path("chunkOverlap").asInt()).isEqualTo(120);
        assertThat(read.path("embeddingModelName").asText()).isEqualTo(TestApp.MODEL);
    }

    @Test
    void pgvectorTypeIsAcceptedAndTheDeploymentsBackendReported() {
        TestApi api = app.newOwner();
        String projectId = createProject(api, "pathors client");

        TestApi.Response created =
                api.post(knowledgebases(projectId), Map.of("name", "From Pathors", "type", "pgvector"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("type").asText()).isEqualTo("lucene");
    }

    @Test
    void unknownEmbeddingModelIsRefusedWithTheAvailableOnes() {
        TestApi api = app.newOwner();
        String projectId = createProject(api, "models");

        TestApi.Response refused = api.post(
                knowledgebases(projectId), Map.of("name", "Big", "embeddingModelName", "text-embedding-3-large"));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("bad_request");
        assertThat(refused.json()
                        .path("error")
                        .path("details")
                        .path("embeddingModelName")
                        .asText())
                .contains(TestApp.MODEL);
        assertThat(api.get(knowledgebases(projectId)).json()).isEmpty();
    }

    @Test
    void knowledgebasesAreListedNewestFirstAsABareArray() {
        TestApi api = app.newOwner();
        String projectId = createProject(api, "listing");
        String otherProject = createProject(api, "elsewhere");
        api.post(knowledgebases(otherProject), Map.of("name", "not in this project"));
        List<String> created = new ArrayList<>();
        for (String name : List.of("one", "two", "three")) {
            TestApi.Response response = api.post(knowledgebases(projectId), Map.of("name", name));
            assertThat(response.status()).isEqualTo(201);
            created.add(response.json().path("id").asText());
        }

        TestApi.Response listed = api.get(knowledgebases(projectId));

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().isArray()).as(listed.text()).isTrue();
        assertThat(ids(listed.json())).containsExactlyElementsOf(created.reversed());
        listed.json()
                .forEach(kb -> assertThat(fieldNames(kb)).containsExactlyInAnyOrderElementsOf(KNOWLEDGEBASE_FIELDS));
    }

    @Test
    void patchRenamesTheKnowledgebaseAndAcceptsUnchangedFixedSettings() {
        TestApi api = app.newOwner();
        Kb kb = Kb.create(api);
        JsonNode before = api.get(kb.path()).json();

        TestApi.Response renamed = api.patch(kb.path(), Map.of("name", "Renamed"));
        TestApi.Response sameSettings = api.patch(
                kb.path(),
                Map.of(
                        "name",
                        "Renamed again",
                        "chunkSize",
                        500,
                        "chunkOverlap",
                        50,
                        "embeddingModelName",
                        TestApp.MODEL));

        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("Renamed");
        assertThat(sameSettings.status()).as(sameSettings.text()).isEqualTo(200);
        JsonNode after = api.get(kb.path()).json();
        assertThat(after.path("name").asText()).isEqualTo("Renamed again");
        assertThat(after).isEqualTo(sameSettings.json());
        for (String fixed : List.of("id", "type", "embeddingModelName", "chunkSize", "chunkOverlap", "createdAt")) {
            assertThat(after.path(fixed)).as(fixed).isEqualTo(before.path(fixed));
        }
        assertThat(Instant.parse(after.path("updatedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(before.path("updatedAt").asText()));
        JsonNode listed = api.get(knowledgebases(kb.projectId())).json();
        assertThat(listed.get(0).path("name").asText()).isEqualTo("Renamed again");
    }

    @Test
    void patchChangingAFixedSettingIsAConflictAndChangesNothing() {
        TestApi api = app.newOwner();
        Kb kb = Kb.create(api);
        JsonNode before = api.get(kb.path()).json();

        List<Map<String, Object>> attempts = List.of(
                Map.of("name", "Should not stick", "chunkSize", 800),
                Map.of("chunkOverlap", 10),
                Map.of("embeddingModelName", "another-model"));
        List<String> fields = List.of("chunkSize", "chunkOverlap", "embeddingModelName");

        for (int i = 0; i < attempts.size(); i++) {
            TestApi.Response refused = api.patch(kb.path(), attempts.get(i));
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.json().path("error").path("code").asText()).isEqualTo("conflict");
            assertThat(refused.json().path("error").path("details").has(fields.get(i)))
                    .as(refused.text())
                    .isTrue();
        }
        assertThat(api.get(kb.path()).json()).isEqualTo(before);
    }

    @Test
    void deletingAKnowledgebaseRemovesItsDatasetsChunksAndJobs() {
        TestApi api = app.newOwner();
        Kb doomed = Kb.create(api);
        Kb sibling = new Kb(api, doomed.projectId(), createKnowledgebase(api, doomed.projectId(), "sibling"));
        List<String> pages = List.of(
                site.url(GeneratedSite.path(1)).toString(),
                site.url(GeneratedSite.path(2)).toString());
        String doomedJob = importAndAwait(doomed, pages);
        importAndAwait(sibling, pages);
        String question = site.site().paragraphs(1).getFirst();
        String datasetId = doomed.datasets().get(0).path("id").asText();
        assertThat(doomed.query(question, 5, 0.0)).isNotEmpty();

        TestApi.Response deleted = api.delete(doomed.path());

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().path("message").asText()).isNotBlank();
        assertNotFound(api.get(doomed.path()));
        assertNotFound(api.get(doomed.path() + "/query?q=anything"));
        assertNotFound(api.get(doomed.path() + "/datasets"));
        assertNotFound(api.get(doomed.path() + "/datasets/" + datasetId));
        assertNotFound(api.get(doomed.path() + "/datasets/" + datasetId + "/chunks"));
        assertNotFound(api.get(doomed.path() + "/crawl/jobs"));
        assertNotFound(api.get(doomed.path() + "/crawl/jobs/" + doomedJob));
        assertNotFound(api.delete(doomed.path()));
        assertThat(ids(api.get(knowledgebases(doomed.projectId())).json())).containsExactly(sibling.id());
        Set<String> siblingDatasets = new HashSet<>(ids(sibling.datasets()));
        JsonNode hits = sibling.query(question, 50, 0.0);
        assertThat(hits).isNotEmpty();
        hits.forEach(hit ->
                assertThat(siblingDatasets).contains(hit.path("datasetId").asText()));
        assertThat(sibling.jobs()).hasSize(1);
    }

    @Test
    void deletingAKnowledgebaseStopsItsRunningJob() {
        TestApi api = app.newOwner();
        Kb kb = Kb.create(api);
        List<String> slow = IntStream.range(0, 6)
                .mapToObj(i -> site.url("/slow?kb=" + kb.id() + "&i=" + i).toString())
                .toList();
        kb.crawl(Map.of("urls", slow));
        int perHost = app.config().politeness().perHostConcurrency();
        await().atMost(WITHIN).until(() -> slowRequests(kb) == perHost);

        assertThat(api.delete(kb.path()).status()).isEqualTo(200);

        // The pages in flight end; nothing else of the deleted knowledgebase is fetched.
        await().during(SLOW_PAGE.plusSeconds(1))
                .atMost(SLOW_PAGE.plusSeconds(3))
                .until(() -> slowRequests(kb) == perHost);
        assertNotFound(api.get(kb.path() + "/crawl/jobs"));
    }

    @Test
    void deletingAProjectDeletesEverythingUnderItAndNothingElse() {
        TestApi api = app.newOwner();
        Kb doomed = Kb.create(api);
        String secondKb = createKnowledgebase(api, doomed.projectId(), "second");
        Kb survivor = Kb.create(api);
        String jobId =
                importAndAwait(doomed, List.of(site.url(GeneratedSite.path(3)).toString()));
        importAndAwait(survivor, List.of(site.url(GeneratedSite.path(3)).toString()));
        String datasetId = doomed.datasets().get(0).path("id").asText();
        String project = "/v1/projects/" + doomed.projectId();

        TestApi.Response deleted = api.delete(project);

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().path("message").asText()).isNotBlank();
        assertNotFound(api.get(project));
        assertNotFound(api.get(project + "/knowledgebases"));
        assertNotFound(api.get(doomed.path()));
        assertNotFound(api.get(project + "/knowledgebases/" + secondKb));
        assertNotFound(api.get(doomed.path() + "/datasets/" + datasetId));
        assertNotFound(api.get(doomed.path() + "/crawl/jobs/" + jobId));
        assertNotFound(api.get(doomed.path() + "/query?q=anything"));
        assertNotFound(api.delete(project));
        assertThat(ids(api.get("/v1/projects").json().path("data"))).containsExactly(survivor.projectId());
        assertThat(survivor.datasets()).hasSize(1);
        assertThat(survivor.query(site.site().paragraphs(3).getFirst(), 5, 0.0)).isNotEmpty();
    }

    private static String importAndAwait(Kb kb, List<String> urls) {
        String jobId = kb.crawl(Map.of("urls", urls));
        JsonNode job = kb.awaitFinished(jobId, WITHIN);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.path("done").asLong()).isEqualTo(urls.size());
        return jobId;
    }

    private static long slowRequests(Kb kb) {
        return site.requests().stream()
                .filter(r -> r.pathAndQuery().startsWith("/slow?kb=" + kb.id() + "&"))
                .count();
    }

    private static String createProject(TestApi api, String name) {
        TestApi.Response response = api.post("/v1/projects", Map.of("name", name));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().path("data").path("id").asText();
    }

    private static String createKnowledgebase(TestApi api, String projectId, String name) {
        TestApi.Response response = api.post(knowledgebases(projectId), Map.of("name", name));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static String knowledgebases(String projectId) {
        return "/v1/projects/" + projectId + "/knowledgebases";
    }

    private static void assertNotFound(TestApi.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(404);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("not_found");
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> with(Set<String> fields, String extra) {
        Set<String> all = new HashSet<>(fields);
        all.add(extra);
        return all;
    }

    private static JsonNode withoutMessage(JsonNode created) {
        ObjectNode copy = created.deepCopy();
        copy.remove("message");
        return copy;
    }
}
