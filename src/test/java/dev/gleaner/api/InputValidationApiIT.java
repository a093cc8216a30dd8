package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refused input through the real application: every malformed, mistyped, unknown, out-of-range or oversized request is
 * answered in the error shape with each problem named in {@code details}, and leaves nothing behind.
 */
class InputValidationApiIT {
    private static final String JSON = "application/json";
    private static final String SEED = "http://127.0.0.1:9/docs/";
    private static final OpenApiContract CONTRACT = OpenApiContract.ours();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static TestApp app;

    @BeforeAll
    static void start(@TempDir Path data) {
        app = TestApp.start(data);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void malformedJsonIsABadRequestThatNamesWhere() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();

        TestApi.Response project = api.send("POST", "/v1/projects", "{\"name\": ", JSON);
        TestApi.Response knowledgebase = api.send("POST", knowledgebases(kb), "{\"name\": \"x\",,}", JSON);
        TestApi.Response crawl = api.send("POST", kb.path() + "/crawl", "{'url': 'http://127.0.0.1/'}", JSON);
        TestApi.Response patch = api.send("PATCH", kb.path(), "name=renamed", JSON);

        for (TestApi.Response response : List.of(project, knowledgebase, crawl, patch)) {
            assertBadRequest(response, "body");
            assertThat(details(response).path("body").asText()).startsWith("malformed JSON at line 1, column ");
        }
        // Past the parser's own limits: still the client's mistake, never a 500.
        String deep = "{\"name\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        String hugeNumber = "{\"name\": \"k\", \"chunkSize\": 1" + "0".repeat(5_000) + "}";
        assertBadRequest(api.send("POST", "/v1/projects", deep, JSON), "body");
        assertBadRequest(api.send("POST", knowledgebases(kb), hugeNumber, JSON), "body");
        assertNothingWritten(kb);
    }

    @Test
    void bodyThatIsNotAJsonObjectOrIsMissingIsABadRequest() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();

        for (String body : List.of("[]", "\"a project\"", "42", "null", "true")) {
            assertThat(details(assertBadRequest(api.send("POST", "/v1/projects", body, JSON), "body"))
                            .path("body")
                            .asText())
                    .as(body)
                    .isEqualTo("must be a JSON object");
        }
        assertThat(details(assertBadRequest(api.send("POST", "/v1/projects", "", JSON), "body"))
                        .path("body")
                        .asText())
                .isEqualTo("is required (a JSON object)");
        assertBadRequest(api.send("POST", kb.path() + "/crawl", null, JSON), "body");
        assertNothingWritten(kb);
    }

    @Test
    void wrongTypesAreNamedField() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();

        TestApi.Response project = api.post("/v1/projects", Map.of("name", 42));
        TestApi.Response knowledgebase = api.post(
                knowledgebases(kb),
                Map.of("name", List.of("a"), "chunkSize", "big", "chunkOverlap", true, "embeddingModelName", 7));
        TestApi.Response crawl = api.post(
                kb.path() + "/crawl",
                Map.of(
                        "url",
                        SEED,
                        "limit",
                        "ten",
                        "allowSubdomains",
                        "yes",
                        "includePaths",
                        "/docs",
                        "excludePaths",
                        List.of(1)));

        assertThat(details(assertBadRequest(project, "name")).path("name").asText())
                .isEqualTo("must be a string");
        assertThat(details(assertBadRequest(knowledgebase, "name", "chunkSize", "chunkOverlap", "embeddingModelName")))
                .isEqualTo(json(Map.of(
                        "name", "must be a string",
                        "chunkSize", "must be an integer",
                        "chunkOverlap", "must be an integer",
                        "embeddingModelName", "must be a string")));
        assertThat(details(assertBadRequest(crawl, "limit", "allowSubdomains", "includePaths", "excludePaths[0]")))
                .isEqualTo(json(Map.of(
                        "limit", "must be an integer",
                        "allowSubdomains", "must be true or false",
                        "includePaths", "must be an array of strings",
                        "excludePaths[0]", "must be a string")));
        assertNothingWritten(kb);
    }

    @Test
    void unknownFieldsAreRefused() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();

        TestApi.Response project = api.post("/v1/projects", Map.of("name", "p", "colour", "red"));
        TestApi.Response knowledgebase = api.post(knowledgebases(kb), Map.of("name", "k", "chunk_size", 300));
        TestApi.Response patch = api.patch(kb.path(), Map.of("name", "k2", "type", "pgvector"));
        TestApi.Response crawl = api.post(kb.path() + "/crawl", Map.of("url", SEED, "depth", 2));
        TestApi.Response webhook = api.post(
                kb.path() + "/crawl",
                Map.of("url", SEED, "webhook", Map.of("url", "http://127.0.0.1:9/", "secret", "s")));

        assertThat(details(assertBadRequest(project, "colour")).path("colour").asText())
                .isEqualTo("is not a known field");
        assertBadRequest(knowledgebase, "chunk_size");
        assertBadRequest(patch, "type");
        assertBadRequest(crawl, "depth");
        assertThat(webhook.status()).isEqualTo(400);
        assertThat(details(webhook).path("webhook.secret").asText()).isEqualTo("is not a known field");
        assertThat(kb.api().get(kb.path()).json().path("name").asText()).isEqualTo("test kb");
        assertNothingWritten(kb);
    }

    @Test
    void outOfRangeNumbersAndTextsAreRefused() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();

        List<Map<String, Object>> knowledgebases = List.of(
                Map.of("name", "k", "chunkSize", 49),
                Map.of("name", "k", "chunkSize", 8001),
                Map.of("name", "k", "chunkSize", 500.5),
                Map.of("name", "k", "chunkSize", 1e300),
                Map.of("name", "k", "chunkOverlap", -1),
                Map.of("name", "k", "chunkSize", 100, "chunkOverlap", 100),
                Map.of("name", "x".repeat(201)),
                Map.of("name", "   "),
                Map.of("name", "k", "type", "faiss"));
        for (Map<String, Object> body : knowledgebases) {
            assertThat(api.post(knowledgebases(kb), body).status())
                    .as(body.toString())
                    .isEqualTo(400);
        }
        TestApi.Response overlap =
                api.post(knowledgebases(kb), Map.of("name", "k", "chunkSize", 100, "chunkOverlap", 100));
        assertThat(details(overlap).path("chunkOverlap").asText()).isEqualTo("must be less than chunkSize (100)");
        TestApi.Response size = api.post(knowledgebases(kb), Map.of("name", "k", "chunkSize", 49));
        assertThat(details(size).path("chunkSize").asText()).isEqualTo("must be between 50 and 8000");

        List<Map<String, Object>> crawls = List.of(
                Map.of("url", SEED, "limit", 0),
                Map.of("url", SEED, "limit", 100_001),
                Map.of("url", SEED, "maxDepth", -1),
                Map.of("url", SEED, "maxDepth", 101),
                Map.of("url", SEED, "limit", 2.5),
                Map.of("url", SEED + "x".repeat(2_100)),
                Map.of("url", SEED, "includePaths", List.of("/a".repeat(300))),
                Map.of("url", SEED, "excludePaths", Collections.nCopies(51, "/a")),
                Map.of("url", SEED, "sitemap", "sometimes"),
                Map.of("url", SEED, "mode", "spider"));
        for (Map<String, Object> body : crawls) {
            TestApi.Response response = api.post(kb.path() + "/crawl", body);
            assertThat(response.status()).as(body + " → " + response.text()).isEqualTo(400);
        }
        assertThat(api.post("/v1/projects", Map.of("name", "x".repeat(201))).status())
                .isEqualTo(400);
        assertNothingWritten(kb);
    }

    @Test
    void seedMustBeAnAbsoluteHttpUrl() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();

        for (String url : List.of(
                "ftp://127.0.0.1/file",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "/docs/relative",
                "127.0.0.1/docs",
                "http://",
                "http://user:secret@127.0.0.1/",
                "not a url at all")) {
            TestApi.Response response = api.post(kb.path() + "/crawl", Map.of("url", url));
            assertThat(details(assertBadRequest(response, "url")).path("url").asText())
                    .as(url)
                    .isEqualTo("must be an absolute http(s) URL");
        }
        assertBadRequest(api.post(kb.path() + "/crawl", Map.of("limit", 5)), "url");
        assertNothingWritten(kb);
    }

    @Test
    void invalidRegexIsRefusedWithItsPosition() {
        Kb kb = Kb.create(app.newOwner());

        TestApi.Response response = kb.api()
                .post(kb.path() + "/crawl", Map.of("url", SEED, "includePaths", List.of("/docs/.*", "(unclosed")));

        assertThat(details(assertBadRequest(response, "includePaths[1]"))
                        .path("includePaths[1]")
                        .asText())
                .startsWith("is not a valid regular expression");
        assertNothingWritten(kb);
    }

    @Test
    void everyProblemIsListedAtOnce() {
        Kb kb = Kb.create(app.newOwner());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", "ftp://127.0.0.1/");
        body.put("limit", 0);
        body.put("maxDepth", "deep");
        body.put("excludePaths", List.of("["));
        body.put("crawlEntireDomain", "sure");
        body.put("speed", "fast");

        TestApi.Response response = kb.api().post(kb.path() + "/crawl", body);

        assertBadRequest(response, "url", "limit", "maxDepth", "excludePaths[0]", "crawlEntireDomain", "speed");
        assertThat(response.json().path("error").path("message").asText())
                .isEqualTo("The request has 6 invalid fields");
        assertNothingWritten(kb);
    }

    @Test
    void batchNeedsAtLeastOneValidUrl() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();

        TestApi.Response empty = api.post(kb.path() + "/crawl", Map.of("urls", List.of()));
        TestApi.Response noneValid = api.post(
                kb.path() + "/crawl", Map.of("urls", List.of("ftp://127.0.0.1/a", "not a url", "mailto:a@b.c")));
        TestApi.Response notStrings = api.post(kb.path() + "/crawl", Map.of("urls", List.of(1, 2)));
        TestApi.Response notAList = api.post(kb.path() + "/crawl", Map.of("urls", "http://127.0.0.1:9/"));
        TestApi.Response mixedModes =
                api.post(kb.path() + "/crawl", Map.of("mode", "batch", "url", SEED, "urls", List.of(SEED)));

        assertThat(details(assertBadRequest(empty, "urls")).path("urls").asText())
                .isEqualTo("must have between 1 and 10000 entries");
        assertBadRequest(noneValid, "urls");
        assertBadRequest(notStrings, "urls[0]", "urls[1]");
        assertBadRequest(notAList, "urls");
        assertBadRequest(mixedModes, "url");
        assertNothingWritten(kb);
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();
        long limit = app.config().http().maxRequestBytes();
        String padding = "x".repeat((int) limit);

        TestApi.Response project = api.post("/v1/projects", Map.of("name", padding));
        TestApi.Response knowledgebase = api.post(knowledgebases(kb), Map.of("name", padding));
        TestApi.Response crawl = api.post(kb.path() + "/crawl", Map.of("url", SEED + padding));
        TestApi.Response patch = api.patch(kb.path(), Map.of("name", padding));

        for (TestApi.Response response : List.of(project, knowledgebase, crawl, patch)) {
            assertThat(response.status()).as(response.text()).isEqualTo(413);
            assertThat(code(response)).isEqualTo("payload_too_large");
        }
        assertNothingWritten(kb);
    }

    @Test
    void chunkedBodyOverTheLimitIsTooLarge() throws Exception {
        Kb kb = Kb.create(app.newOwner());
        int limit = (int) app.config().http().maxRequestBytes();
        byte[] body = ("{\"name\":\"" + "x".repeat(limit) + "\"}").getBytes(StandardCharsets.UTF_8);
        // A body of unknown length (chunked transfer encoding) declares no size: the limit holds while reading.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/v1/projects"))
                .header("Content-Type", JSON)
                .header("Authorization", "Bearer " + kb.api().key())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<byte[]> response;
        try (HttpClient client = HttpClient.newHttpClient()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }

        assertThat(response.statusCode()).isEqualTo(413);
        String type = response.headers().firstValue("Content-Type").orElse("");
        CONTRACT.assertResponse("POST", "/v1/projects", 413, type, response.body());
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"payload_too_large\"");
        assertNothingWritten(kb);
    }

    @Test
    void valuesAtTheBoundsAreAccepted() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();
        String longestUrl = SEED + "x".repeat(2_048 - SEED.length());

        TestApi.Response smallest =
                api.post(knowledgebases(kb), Map.of("name", "k", "chunkSize", 50, "chunkOverlap", 0));
        TestApi.Response largest =
                api.post(knowledgebases(kb), Map.of("name", "x".repeat(200), "chunkSize", 8000, "chunkOverlap", 7999));
        TestApi.Response project = api.post("/v1/projects", Map.of("name", "x".repeat(200)));
        List<TestApi.Response> crawls = List.of(
                api.post(kb.path() + "/crawl", Map.of("url", SEED, "limit", 1, "maxDepth", 0)),
                api.post(kb.path() + "/crawl", Map.of("url", SEED, "limit", 100_000, "maxDepth", 100)),
                api.post(kb.path() + "/crawl", Map.of("url", longestUrl)),
                api.post(kb.path() + "/crawl", Map.of("url", SEED, "includePaths", List.of("/" + "a".repeat(499)))));

        assertThat(smallest.status()).as(smallest.text()).isEqualTo(201);
        assertThat(smallest.json().path("chunkSize").asInt()).isEqualTo(50);
        assertThat(smallest.json().path("chunkOverlap").asInt()).isZero();
        assertThat(largest.status()).as(largest.text()).isEqualTo(201);
        assertThat(largest.json().path("chunkOverlap").asInt()).isEqualTo(7999);
        assertThat(project.status()).as(project.text()).isEqualTo(201);
        for (TestApi.Response crawl : crawls) {
            assertThat(crawl.status()).as(crawl.text()).isEqualTo(202);
        }
        assertThat(kb.jobs()).hasSize(crawls.size());
    }

    @Test
    void bodyJustUnderTheLimitIsRead() {
        Kb kb = Kb.create(app.newOwner());
        int limit = (int) app.config().http().maxRequestBytes();
        String envelope = "{\"name\":\"k\",\"pad\":\"\"}";
        String body = "{\"name\":\"k\",\"pad\":\"" + "x".repeat(limit - envelope.length()) + "\"}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(limit);

        TestApi.Response response = kb.api().send("POST", "/v1/projects", body, JSON);

        // Read in full and refused for its unknown field, not for its size.
        assertBadRequest(response, "pad");
        assertNothingWritten(kb);
    }

    @Test
    void bodyThatIsNotJsonIsAnUnsupportedMediaType() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();
        String project = "{\"name\": \"plain\"}";

        List<TestApi.Response> responses = List.of(
                api.send("POST", "/v1/projects", project, "text/plain"),
                api.send("POST", "/v1/projects", "name=plain", "application/x-www-form-urlencoded"),
                api.send("POST", knowledgebases(kb), project, "application/xml"),
                api.send("POST", kb.path() + "/crawl", "{\"url\": \"" + SEED + "\"}", "text/json"),
                api.send("PATCH", kb.path(), project, "multipart/form-data; boundary=x"));

        for (TestApi.Response response : responses) {
            assertThat(response.status()).as(response.text()).isEqualTo(415);
            assertThat(code(response)).isEqualTo("unsupported_media_type");
        }
        TestApi.Response withCharset = api.send("POST", "/v1/projects", project, "application/json; charset=utf-8");
        assertThat(withCharset.status()).as(withCharset.text()).isEqualTo(201);
        assertThat(api.get(kb.path()).json().path("name").asText()).isEqualTo("test kb");
        assertThat(api.get(knowledgebases(kb)).json()).hasSize(1);
        assertThat(api.get(kb.path() + "/crawl/jobs").json().path("jobs")).isEmpty();
    }

    @Test
    void badQueryParametersOfListingsAreRefused() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();

        for (String query :
                List.of("limit=0", "limit=1001", "limit=ten", "offset=-1", "offset=1.5", "limit=99999999999")) {
            TestApi.Response response = api.get(kb.path() + "/datasets?" + query);
            assertThat(response.status()).as(query + " → " + response.text()).isEqualTo(400);
            assertThat(code(response)).isEqualTo("bad_request");
            assertThat(details(response).has(query.substring(0, query.indexOf('='))))
                    .as(response.text())
                    .isTrue();
        }
        assertBadRequest(api.get(kb.path() + "/datasets?limit=0&offset=-5"), "limit", "offset");
    }

    @Test
    void unknownRouteIsNotFoundInTheErrorShape() {
        TestApi api = app.newOwner();

        for (String path : List.of("/v1/nothing", "/v2/projects", "/v1/projects/proj_x/knowledgebases/kb_y/unknown")) {
            TestApi.Response response = api.sendUnchecked("GET", path, null, JSON);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertErrorShape(response, "not_found");
        }
        TestApi.Response anonymous = app.anonymous().sendUnchecked("POST", "/v1/nothing", "{}", JSON);
        assertThat(anonymous.status()).isIn(401, 404);
        assertErrorShape(anonymous, anonymous.status() == 401 ? "unauthorized" : "not_found");
    }

    @Test
    void wrongMethodIsNotAllowedInTheErrorShape() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();

        TestApi.Response put = api.sendUnchecked("PUT", "/v1/projects", "{\"name\": \"p\"}", JSON);
        TestApi.Response deleteAll = api.sendUnchecked("DELETE", "/v1/projects", null, JSON);
        TestApi.Response patchProject =
                api.sendUnchecked("PATCH", "/v1/projects/" + kb.projectId(), "{\"name\": \"p\"}", JSON);
        TestApi.Response postQuery = api.sendUnchecked("POST", kb.path() + "/query", "{\"q\": \"x\"}", JSON);

        for (TestApi.Response response : List.of(put, deleteAll, patchProject, postQuery)) {
            assertThat(response.status()).as(response.text()).isEqualTo(405);
            assertErrorShape(response, "bad_request");
        }
        assertThat(details(put).path("method").asText()).contains("GET").contains("POST");
        assertNothingWritten(kb);
    }

    /** The owner of {@code kb} still has exactly its one project, one knowledgebase (unchanged) and no job. */
    private static void assertNothingWritten(Kb kb) {
        TestApi api = kb.api();
        JsonNode projects = api.get("/v1/projects").json().path("data");
        assertThat(projects).hasSize(1);
        assertThat(projects.get(0).path("id").asText()).isEqualTo(kb.projectId());
        JsonNode kbs = api.get(knowledgebases(kb)).json();
        assertThat(kbs).hasSize(1);
        assertThat(kbs.get(0).path("id").asText()).isEqualTo(kb.id());
        assertThat(kbs.get(0).path("name").asText()).isEqualTo("test kb");
        assertThat(kbs.get(0).path("createdAt")).isEqualTo(kbs.get(0).path("updatedAt"));
        assertThat(kb.jobs()).isEmpty();
    }

    /** Asserts a 400 {@code bad_request} whose details name exactly {@code fields}; returns the response. */
    private static TestApi.Response assertBadRequest(TestApi.Response response, String... fields) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertErrorShape(response, "bad_request");
        List<String> named = new ArrayList<>();
        details(response).fieldNames().forEachRemaining(named::add);
        assertThat(named).as(response.text()).containsExactlyInAnyOrder(fields);
        return response;
    }

    /** The error shape, checked against the document's schema; its message leaks no internals. */
    private static void assertErrorShape(TestApi.Response response, String code) {
        assertThat(response.contentType()).startsWith(JSON);
        CONTRACT.assertSchema("ErrorBody", response.body());
        assertThat(code(response)).isEqualTo(code);
        assertThat(response.json().path("error").path("message").asText()).isNotBlank();
        assertThat(response.text()).doesNotContain("Exception", "jackson", "javalin", "\tat ", "/tmp/", "SQL");
    }

    private static JsonNode details(TestApi.Response response) {
        return response.json().path("error").path("details");
    }

    private static String code(TestApi.Response response) {
        return response.json().path("error").path("code").asText();
    }

    private static JsonNode json(Map<String, String> map) {
        return MAPPER.valueToTree(map);
    }

    private static String knowledgebases(Kb kb) {
        return "/v1/projects/" + kb.projectId() + "/knowledgebases";
    }
}
