package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.testapp.EventStream;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import dev.gleaner.testsite.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every operation of the document the running server serves at {@code /openapi.json}: each answers at least once
 * with a success and, for every {@code /v1} operation, once with an error, and every body validates against the served
 * document, whose object schemas forbid undocumented fields. The jobs listing also validates against the Pathors
 * document.
 */
class ApiContractIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final String KB = "/v1/projects/{projectId}/knowledgebases/{knowledgebaseId}";
    private static final String JOB = KB + "/crawl/jobs/{jobId}";
    private static final String DATASET = KB + "/datasets/{datasetId}";

    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private WebhookReceiver receiver;
    private OpenApiContract served;
    private final OpenApiContract pathors = OpenApiContract.pathors();
    /** {@code METHOD template} of each answer seen, with its status class ({@code 2} or {@code 4}). */
    private final Set<String> seen = new TreeSet<>();

    @BeforeEach
    void start() throws Exception {
        // Per-owner webhook secrets, so that reading and rotating one succeeds.
        // A removal grace period, so that a sync marks what it no longer finds (removedAt) instead of deleting it.
        app = TestApp.start(data, config -> config.withWebhooks(webhooks -> webhooks.withSecret(null))
                .withCrawl(crawl -> crawl.withRemovalGrace(java.time.Duration.ofHours(1))));
        site = TestSite.withGeneratedSite(2);
        receiver = WebhookReceiver.accepting();
        TestApi.Response document = app.anonymous().sendUnchecked("GET", "/openapi.json", null, "application/json");
        served = OpenApiContract.of("served openapi.json", JSON.readTree(document.body()));
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
        receiver.close();
    }

    @Test
    void everyOperationAnswersAsTheServedDocumentSays() {
        TestApi owner = app.newOwner();
        TestApi anonymous = app.anonymous();
        Map<String, String> ids = new java.util.HashMap<>();

        system(anonymous);
        ids.put("projectId", projects(owner, anonymous));
        ids.put("knowledgebaseId", knowledgebases(owner, ids));
        embeddingModels(owner, anonymous);
        crawl(owner, ids);
        datasets(owner, ids);
        syncs(owner, ids);
        events(owner, ids);
        keys(owner, anonymous);
        webhookSecret(owner, anonymous);
        undocumentedMethods(owner, ids);
        deletions(owner, ids);

        List<String> missing = new ArrayList<>();
        for (String operation : served.operations()) {
            if (!seen.contains(operation + " 2")) {
                missing.add(operation + " (success)");
            }
            if (operation.contains(" /v1/") && !seen.contains(operation + " 4")) {
                missing.add(operation + " (error)");
            }
        }
        assertThat(missing).as("operations not exercised").isEmpty();
    }

    @Test
    void everyObjectSchemaOfTheServedDocumentForbidsUndocumentedFields() {
        List<String> open = new ArrayList<>();
        openObjects(served.document(), "", open);
        // The OpenAPI document itself is free-form, and a multipart request body is not JSON.
        assertThat(open)
                .containsExactlyInAnyOrder(
                        "/paths/~1openapi.json/get/responses/200/content/application~1json/schema",
                        "/paths/~1v1~1projects~1{projectId}~1knowledgebases~1{knowledgebaseId}~1datasets/post"
                                + "/requestBody/content/multipart~1form-data/schema");
    }

    @Test
    void duplicateNamesAreAllowedAndKeptApartByTheirIds() {
        TestApi owner = app.newOwner();
        Kb first = Kb.create(owner);
        Kb second = Kb.create(owner);
        TestApi.Response third =
                owner.post("/v1/projects/" + first.projectId() + "/knowledgebases", Map.of("name", "test kb"));
        TestApi.Response other =
                owner.post("/v1/projects/" + first.projectId() + "/knowledgebases", Map.of("name", "other kb"));

        assertThat(third.status()).as(third.text()).isEqualTo(201);
        assertThat(second.projectId()).isNotEqualTo(first.projectId());
        assertThat(owner.get("/v1/projects").json().path("data"))
                .filteredOn(p -> p.path("name").asText().equals("test project"))
                .hasSize(2);
        assertThat(owner.get("/v1/projects/" + first.projectId() + "/knowledgebases")
                        .json())
                .extracting(kb -> kb.path("id").asText())
                .containsExactlyInAnyOrder(
                        first.id(),
                        third.json().path("id").asText(),
                        other.json().path("id").asText());
        TestApi.Response renamed = owner.patch(
                "/v1/projects/" + first.projectId() + "/knowledgebases/"
                        + other.json().path("id").asText(),
                Map.of("name", "test kb"));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(second.api().get(second.path()).json().path("name").asText()).isEqualTo("test kb");
    }

    private void system(TestApi anonymous) {
        call(anonymous, "GET", "/health", Map.of(), null);
        call(anonymous, "GET", "/metrics", Map.of(), null);
        call(anonymous, "GET", "/openapi.json", Map.of(), null);
    }

    private String projects(TestApi owner, TestApi anonymous) {
        call(anonymous, "GET", "/v1/projects", Map.of(), null);
        call(owner, "POST", "/v1/projects", Map.of(), Map.of("name", ""));
        JsonNode created = call(owner, "POST", "/v1/projects", Map.of(), Map.of("name", "contract"));
        String projectId = created.path("data").path("id").asText();
        call(owner, "GET", "/v1/projects", Map.of(), null);
        call(owner, "GET", "/v1/projects/{projectId}", Map.of("projectId", projectId), null);
        call(owner, "GET", "/v1/projects/{projectId}", Map.of("projectId", "proj_none"), null);
        return projectId;
    }

    private String knowledgebases(TestApi owner, Map<String, String> ids) {
        String list = "/v1/projects/{projectId}/knowledgebases";
        call(owner, "GET", list, Map.of("projectId", "proj_none"), null);
        call(owner, "POST", list, ids, Map.of("name", "contract", "chunkSize", 1));
        JsonNode created = call(owner, "POST", list, ids, Map.of("name", "contract"));
        assertThat(created.path("message").asText()).isEqualTo("Knowledgebase created successfully");
        String kbId = created.path("id").asText();
        call(owner, "GET", list, ids, null);
        Map<String, String> kb = with(ids, "knowledgebaseId", kbId);
        call(owner, "GET", KB, kb, null);
        call(owner, "GET", KB, with(ids, "knowledgebaseId", "kb_none"), null);
        call(owner, "PATCH", KB, kb, Map.of("name", "contract renamed"));
        call(owner, "PATCH", KB, kb, Map.of("chunkSize", 999));
        return kbId;
    }

    private void embeddingModels(TestApi owner, TestApi anonymous) {
        call(owner, "GET", "/v1/embedding-models", Map.of(), null);
        call(anonymous, "GET", "/v1/embedding-models", Map.of(), null);
    }

    private void crawl(TestApi owner, Map<String, String> ids) {
        call(owner, "POST", KB + "/crawl", ids, Map.of("url", "not a url"));
        JsonNode accepted = call(
                owner,
                "POST",
                KB + "/crawl",
                ids,
                Map.of(
                        "url",
                        site.siteUrl().toString(),
                        "sitemap",
                        "skip",
                        "webhook",
                        Map.of("url", receiver.url("/hook").toString())));
        Map<String, String> job = with(ids, "jobId", accepted.path("jobId").asText());
        awaitFinished(owner, job);
        JsonNode failing = call(
                owner,
                "POST",
                KB + "/crawl",
                ids,
                Map.of("urls", List.of(site.url("/missing").toString())));
        Map<String, String> failed = with(ids, "jobId", failing.path("jobId").asText());
        awaitFinished(owner, failed);
        JsonNode slow = call(
                owner,
                "POST",
                KB + "/crawl",
                ids,
                Map.of("urls", List.of(site.url("/slow").toString())));
        Map<String, String> running = with(ids, "jobId", slow.path("jobId").asText());

        Map<String, String> none = with(ids, "jobId", "job_none");
        call(owner, "GET", KB + "/crawl/jobs", ids, null);
        call(owner, "GET", KB + "/crawl/jobs", with(ids, "knowledgebaseId", "kb_none"), null);
        call(owner, "GET", JOB, job, null);
        call(owner, "GET", JOB, none, null);
        call(owner, "GET", JOB + "/pages", job, null);
        call(owner, "GET", JOB + "/pages?limit=0", job, null);
        call(owner, "GET", JOB + "/changes?change=new", job, null);
        call(owner, "GET", JOB + "/changes?change=failed&limit=1", failed, null);
        call(owner, "GET", JOB + "/changes", job, null);
        call(owner, "GET", JOB + "/changes?change=new", none, null);
        call(owner, "GET", JOB + "/webhooks", job, null);
        call(owner, "GET", JOB + "/webhooks", none, null);
        call(owner, "POST", JOB + "/retry", failed, null);
        call(owner, "POST", JOB + "/retry", none, null);
        call(owner, "POST", JOB + "/cancel", running, null);
        call(owner, "POST", JOB + "/cancel", job, null);
    }

    private void datasets(TestApi owner, Map<String, String> ids) {
        String path = expand(KB + "/datasets", ids);
        TestApi.Response uploaded = owner.upload(
                path, "dataset", "notes.txt", "text/plain", "Contract notes about rotating keys.".getBytes(UTF8));
        record("POST", KB + "/datasets", path, uploaded);
        TestApi.Response refused = owner.upload(path, "dataset", "image.png", "image/png", new byte[] {1, 2, 3});
        record("POST", KB + "/datasets", path, refused);
        Map<String, String> dataset =
                with(ids, "datasetId", uploaded.json().path("id").asText());
        Map<String, String> none = with(ids, "datasetId", "dataset_none");

        call(owner, "GET", KB + "/datasets", ids, null);
        call(owner, "GET", KB + "/datasets?limit=-1", ids, null);
        call(owner, "GET", DATASET, dataset, null);
        call(owner, "GET", DATASET, none, null);
        call(owner, "GET", DATASET + "/file", dataset, null);
        call(owner, "GET", DATASET + "/file", none, null);
        JsonNode chunks = awaitChunks(owner, dataset);
        call(owner, "GET", DATASET + "/chunks", none, null);
        Map<String, String> chunk =
                with(dataset, "chunkId", chunks.get(0).path("id").asText());
        call(owner, "PATCH", DATASET + "/chunks/{chunkId}", chunk, Map.of("isEnabled", false));
        call(owner, "PATCH", DATASET + "/chunks/{chunkId}", chunk, Map.of("isEnabled", "no"));
        call(owner, "GET", KB + "/query?q=rotating%20keys&scoreThreshold=0", ids, null);
        call(owner, "GET", KB + "/query", ids, null);
        call(owner, "DELETE", DATASET, dataset, null);
        call(owner, "DELETE", DATASET, dataset, null);
    }

    /**
     * Two syncs of one source, the second without one of the first's pages: its dataset is marked removed, so the
     * datasets listing and the dataset show {@code sourceId} and {@code removedAt}, and the change report lists it.
     */
    private void syncs(TestApi owner, Map<String, String> ids) {
        dev.gleaner.testapp.Kb kb = new dev.gleaner.testapp.Kb(
                owner,
                java.util.Objects.requireNonNull(ids.get("projectId")),
                java.util.Objects.requireNonNull(ids.get("knowledgebaseId")));
        List<String> urls = site.sitePages().stream().map(Object::toString).toList();
        dev.gleaner.jobs.CrawlSpec batch = new dev.gleaner.jobs.CrawlSpec(
                dev.gleaner.jobs.JobMode.BATCH,
                null,
                10,
                0,
                List.of(),
                List.of(),
                false,
                false,
                dev.gleaner.jobs.SitemapPolicy.SKIP,
                false);
        awaitFinished(owner, with(ids, "jobId", app.startSync(kb, batch, "src_contract", urls)));
        Map<String, String> second = with(ids, "jobId", app.startSync(kb, batch, "src_contract", urls.subList(0, 1)));
        awaitFinished(owner, second);
        JsonNode removed = call(owner, "GET", JOB + "/changes?change=removed", second, null);
        assertThat(removed.path("pages")).hasSize(urls.size() - 1);

        JsonNode datasets = call(owner, "GET", KB + "/datasets", ids, null);
        assertThat(datasets)
                .anySatisfy(dataset ->
                        assertThat(dataset.path("removedAt").isTextual()).isTrue());
        assertThat(datasets)
                .anySatisfy(
                        dataset -> assertThat(dataset.path("sourceId").asText()).isEqualTo("src_contract"));
        String marked = removed.path("pages").get(0).path("datasetId").asText();
        JsonNode dataset = call(owner, "GET", DATASET, with(ids, "datasetId", marked), null);
        assertThat(dataset.path("removedAt").isTextual()).as(dataset.toString()).isTrue();
        assertThat(dataset.path("sourceId").asText()).isEqualTo("src_contract");
    }

    private void events(TestApi owner, Map<String, String> ids) {
        JsonNode token = call(owner, "POST", KB + "/crawl/events/token", ids, null);
        call(owner, "POST", KB + "/crawl/events/token", with(ids, "knowledgebaseId", "kb_none"), null);
        String path = expand(KB + "/crawl/events", ids);
        try (EventStream stream = EventStream.open(
                app.port(), path + "?token=" + token.path("token").asText(), Map.of())) {
            EventStream.Event first = stream.nextEvent(WITHIN);
            assertThat(first.event()).isEqualTo("job");
            served.assertSchema("Job", first.data().getBytes(UTF8));
            seen.add("GET " + KB + "/crawl/events 2");
        }
        var refused = EventStream.request(app.port(), path, Map.of());
        String body = String.join("\n", refused.body().toList());
        served.assertResponse(
                "GET",
                path,
                refused.statusCode(),
                refused.headers().firstValue("Content-Type").orElse(null),
                body);
        seen.add("GET " + KB + "/crawl/events " + refused.statusCode() / 100);
    }

    private void keys(TestApi owner, TestApi anonymous) {
        call(owner, "GET", "/v1/keys", Map.of(), null);
        call(anonymous, "GET", "/v1/keys", Map.of(), null);
        JsonNode created = call(owner, "POST", "/v1/keys", Map.of(), Map.of("name", "contract"));
        call(owner, "POST", "/v1/keys", Map.of(), Map.of("name", "contract", "expiresAt", "yesterday"));
        String keyId = created.path("data").path("id").asText();
        call(owner, "DELETE", "/v1/keys/{keyId}", Map.of("keyId", keyId), null);
        call(owner, "DELETE", "/v1/keys/{keyId}", Map.of("keyId", "key_none"), null);
    }

    private void webhookSecret(TestApi owner, TestApi anonymous) {
        call(owner, "GET", "/v1/webhooks/secret", Map.of(), null);
        call(anonymous, "GET", "/v1/webhooks/secret", Map.of(), null);
        call(owner, "POST", "/v1/webhooks/secret/rotate?overlapSeconds=0", Map.of(), null);
        call(owner, "POST", "/v1/webhooks/secret/rotate?overlapSeconds=soon", Map.of(), null);
    }

    /** A method the document does not give a path is a 405 in the error shape: the server serves nothing undocumented. */
    private void undocumentedMethods(TestApi owner, Map<String, String> ids) {
        served.document().path("paths").properties().forEach(path -> {
            Map<String, String> parameters = new java.util.HashMap<>(ids);
            Matcher names = PARAMETER.matcher(path.getKey());
            while (names.find()) {
                parameters.putIfAbsent(names.group(1), "x_none");
            }
            String concrete = expand(path.getKey(), parameters);
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                if (path.getValue().has(method.toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                TestApi.Response response = owner.sendUnchecked(method, concrete, null, "application/json");
                assertThat(response.status()).as("%s %s", method, path.getKey()).isEqualTo(405);
                served.assertSchema("ErrorBody", response.body());
            }
        });
    }

    private void deletions(TestApi owner, Map<String, String> ids) {
        call(owner, "DELETE", KB, ids, null);
        call(owner, "DELETE", KB, ids, null);
        call(owner, "DELETE", "/v1/projects/{projectId}", ids, null);
        call(owner, "DELETE", "/v1/projects/{projectId}", ids, null);
    }

    /**
     * Sends the request (a template with its parameters, a query string kept), checks the answer against the served
     * document (and the jobs listing against the Pathors one), notes the operation and status class, and returns the
     * JSON body (MissingNode when it is not JSON).
     */
    private JsonNode call(
            TestApi api, String method, String template, Map<String, String> parameters, @Nullable Object body) {
        String path = expand(template, parameters);
        String json = body == null ? null : body instanceof String s ? s : write(body);
        TestApi.Response response = api.sendUnchecked(method, path, json, "application/json");
        record(method, template, path, response);
        return response.json();
    }

    private void record(String method, String template, String path, TestApi.Response response) {
        served.assertResponse(method, path, response.status(), response.contentType(), response.body());
        String bare = template.contains("?") ? template.substring(0, template.indexOf('?')) : template;
        if (method.equals("GET") && bare.equals(KB + "/crawl/jobs") && response.status() != 404) {
            pathors.assertResponse(method, path, response.status(), response.contentType(), response.body());
        }
        seen.add(method + " " + bare + " " + response.status() / 100);
    }

    private void awaitFinished(TestApi owner, Map<String, String> job) {
        org.awaitility.Awaitility.await().atMost(WITHIN).untilAsserted(() -> assertThat(
                        call(owner, "GET", JOB, job, null).path("status").asText())
                .isIn("completed", "failed", "cancelled"));
    }

    private JsonNode awaitChunks(TestApi owner, Map<String, String> dataset) {
        org.awaitility.Awaitility.await().atMost(WITHIN).untilAsserted(() -> assertThat(
                        call(owner, "GET", DATASET, dataset, null)
                                .path("isParsed")
                                .asBoolean())
                .isTrue());
        return call(owner, "GET", DATASET + "/chunks", dataset, null);
    }

    private static void openObjects(JsonNode node, String pointer, List<String> open) {
        if (node.isObject()) {
            boolean object = node.path("type").asText().equals("object") || node.has("properties");
            if (object && !node.has("additionalProperties")) {
                open.add(pointer);
            }
            node.properties()
                    .forEach(field -> openObjects(
                            field.getValue(), pointer + "/" + OpenApiContract.escape(field.getKey()), open));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                openObjects(node.get(i), pointer + "/" + i, open);
            }
        }
    }

    private static String expand(String template, Map<String, String> parameters) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            assertThat(value)
                    .as("parameter %s of %s", matcher.group(1), template)
                    .isNotNull();
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static Map<String, String> with(Map<String, String> parameters, String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(parameters);
        more.put(name, value);
        return more;
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
