package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOBS = "/v1/projects/proj_1/knowledgebases/kb_1/crawl/jobs";
    private static final String JSON_TYPE = "application/json";
    private static final List<String> PATHORS_REQUIRED =
            List.of("jobId", "mode", "total", "done", "failed", "status", "startedAt", "updatedAt");
    private static final String OAS_31 = "https://spec.openapis.org/oas/3.1/schema/2022-10-07";

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("ours", OpenApiContract.ours()), Arguments.of("pathors", OpenApiContract.pathors()));
    }

    static Stream<Arguments> requiredFieldsOfEachDocument() {
        return documents().flatMap(doc -> PATHORS_REQUIRED.stream()
                .map(field -> Arguments.of(doc.get()[0], doc.get()[1], field)));
    }

    static Stream<Arguments> wrongTypesOfEachDocument() {
        Map<String, Object> wrong = Map.of(
                "jobId",
                12,
                "mode",
                true,
                "total",
                "3",
                "done",
                "1",
                "failed",
                List.of(),
                "status",
                1,
                "startedAt",
                1_700_000_000,
                "updatedAt",
                Map.of());
        return documents().flatMap(doc -> wrong.entrySet().stream()
                .map(e -> Arguments.of(doc.get()[0], doc.get()[1], e.getKey(), e.getValue())));
    }

    static ObjectNode validJob() {
        ObjectNode job = JSON.createObjectNode()
                .put("jobId", "job_1")
                .put("mode", "crawl")
                .put("total", 10)
                .put("done", 7)
                .put("failed", 1)
                .put("status", "running")
                .put("startedAt", "2026-11-28T15:27:36.123Z")
                .put("updatedAt", "2026-11-28T15:28:00.000Z")
                .put("url", "https://example.com/docs")
                .put("limitReached", false);
        job.putObject("skipped")
                .put("robots", 1)
                .put("outOfScope", 2)
                .put("duplicate", 3)
                .put("overLimit", 0);
        job.putObject("changes")
                .put("new", 4)
                .put("updated", 2)
                .put("unchanged", 1)
                .put("removed", 0);
        return job;
    }

    static byte[] jobs(JsonNode... jobs) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("jobs");
        for (JsonNode job : jobs) {
            list.add(job);
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void acceptsAValidJobsBody(String name, OpenApiContract contract) {
        assertThatCode(() -> contract.assertResponse("GET", JOBS, 200, JSON_TYPE, jobs(validJob(), validJob())))
                .doesNotThrowAnyException();
        assertThatCode(() -> contract.assertResponse("GET", JOBS, 200, "application/json; charset=utf-8", jobs()))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} without {2}")
    @MethodSource("requiredFieldsOfEachDocument")
    void rejectsAJobMissingARequiredField(String name, OpenApiContract contract, String field) {
        ObjectNode job = validJob();
        job.remove(field);
        assertThatThrownBy(() -> contract.assertResponse("GET", JOBS, 200, JSON_TYPE, jobs(validJob(), job)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/jobs/1: required property '" + field + "' not found");
    }

    @ParameterizedTest(name = "{0} with {2} of the wrong type")
    @MethodSource("wrongTypesOfEachDocument")
    void rejectsAJobFieldOfTheWrongType(String name, OpenApiContract contract, String field, Object value) {
        ObjectNode job = validJob();
        job.set(field, JSON.valueToTree(value));
        assertThatThrownBy(() -> contract.assertResponse("GET", JOBS, 200, JSON_TYPE, jobs(job)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/jobs/0/" + field + ": ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void rejectsABodyWithoutJobs(String name, OpenApiContract contract) {
        assertThatThrownBy(() -> contract.assertResponse("GET", JOBS, 200, JSON_TYPE, "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("required property 'jobs' not found");
        assertThatThrownBy(() -> contract.assertResponse("GET", JOBS, 200, JSON_TYPE, "{\"jobs\": {}}"))
                .isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void acceptsTheErrorShapeForADocumentedErrorStatus(String name, OpenApiContract contract) {
        String error = "{\"error\":{\"message\":\"A valid developer key is required\",\"code\":\"unauthorized\","
                + "\"details\":{}}}";
        assertThatCode(() -> contract.assertResponse("GET", JOBS, 401, JSON_TYPE, error))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.assertResponse("GET", JOBS, 401, JSON_TYPE, "{\"message\":\"no\"}"))
                .isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void failsOnAnUndocumentedPathMethodOrStatus(String name, OpenApiContract contract) {
        assertThatThrownBy(() -> contract.assertResponse("GET", "/v1/nothing/here", 200, JSON_TYPE, "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no path");
        assertThatThrownBy(() -> contract.assertResponse("DELETE", JOBS, 200, JSON_TYPE, jobs()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not documented");
        assertThatThrownBy(() -> contract.assertResponse("GET", JOBS, 418, JSON_TYPE, jobs()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("status 418 is not documented");
        assertThatThrownBy(() -> contract.assertResponse("GET", JOBS, 200, "text/html", jobs()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Content-Type");
    }

    @Test
    void matchesPathTemplatesAndIgnoresTheQueryString() {
        OpenApiContract ours = OpenApiContract.ours();
        String kb =
                "{\"id\":\"kb_1\",\"name\":\"Docs\",\"type\":\"lucene\",\"embeddingModelName\":\"all-minilm-l6-v2\","
                        + "\"chunkSize\":500,\"chunkOverlap\":50,\"createdAt\":\"2026-11-28T15:27:36.123Z\","
                        + "\"updatedAt\":\"2026-11-28T15:27:36.123Z\",\"datasetCount\":0,\"chunkCount\":0}";
        assertThatCode(() ->
                        ours.assertResponse("GET", "/v1/projects/proj_9/knowledgebases/kb_9?x=1", 200, JSON_TYPE, kb))
                .doesNotThrowAnyException();
        assertThatThrownBy(() ->
                        ours.assertResponse("GET", "/v1/projects/proj_9/knowledgebases/kb_9/extra", 200, JSON_TYPE, kb))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ours.assertResponse("GET", "/v1/projects//knowledgebases/kb_9", 200, JSON_TYPE, kb))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void oursIsStricterThanPathorsOnJobs() {
        OpenApiContract ours = OpenApiContract.ours();
        OpenApiContract pathors = OpenApiContract.pathors();
        List<ObjectNode> invalidForUs = new ArrayList<>();
        invalidForUs.add(validJob().put("total", -1));
        invalidForUs.add(validJob().put("done", 1.5));
        invalidForUs.add(validJob().put("status", "paused"));
        invalidForUs.add(validJob().put("mode", "spider"));
        invalidForUs.add(validJob().put("startedAt", "2026-11-28T15:27:36Z"));
        invalidForUs.add(validJob().put("surprise", 1));
        ObjectNode withoutSkipped = validJob();
        withoutSkipped.remove("skipped");
        invalidForUs.add(withoutSkipped);
        for (ObjectNode job : invalidForUs) {
            assertThatCode(() -> pathors.assertResponse("GET", JOBS, 200, JSON_TYPE, jobs(job)))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> ours.assertResponse("GET", JOBS, 200, JSON_TYPE, jobs(job)))
                    .as("our schema refuses %s", job)
                    .isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void acceptsNonJsonBodiesOnlyWithTheirDocumentedMediaType() {
        OpenApiContract ours = OpenApiContract.ours();
        assertThatCode(() -> ours.assertResponse(
                        "GET", "/metrics", 200, "text/plain; version=0.0.4; charset=utf-8", "x 1\n"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ours.assertResponse("GET", "/metrics", 200, JSON_TYPE, "{}"))
                .isInstanceOf(AssertionError.class);
        String file = "/v1/projects/proj_1/knowledgebases/kb_1/datasets/dataset_1/file";
        assertThatCode(() -> ours.assertResponse("GET", file, 200, "text/html; charset=utf-8", "<p>hi</p>"))
                .doesNotThrowAnyException();
    }

    @Test
    void ourDocumentIsAValidOpenApi31Document() throws IOException {
        JsonNode document = OpenApiContract.ours().document();
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(openApi31Schema().validate(document)).isEmpty();
    }

    @Test
    void theOpenApi31SchemaRefusesABrokenDocument() throws IOException {
        ObjectNode broken = OpenApiContract.ours().document().deepCopy();
        broken.remove("info");
        ((ObjectNode) broken.path("paths").path("/health").path("get")).put("responses", "none");
        Set<ValidationMessage> messages = openApi31Schema().validate(broken);
        assertThat(messages)
                .extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("info"))
                .anySatisfy(m -> assertThat(m).contains("responses"));
    }

    private JsonSchema openApi31Schema() throws IOException {
        String oasSchema;
        try (InputStream in = getClass().getResourceAsStream("/oas/openapi-3.1-schema-2022-10-07.json")) {
            assertThat(in).isNotNull();
            oasSchema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return JsonSchemaFactory.getInstance(
                        SpecVersion.VersionFlag.V202012,
                        b -> b.schemaLoaders(l -> l.schemas(Map.of(OAS_31, oasSchema))))
                .getSchema(SchemaLocation.of(OAS_31));
    }

    @Test
    void everyRefOfOurDocumentResolvesAndEverySchemaCompiles() {
        OpenApiContract ours = OpenApiContract.ours();
        JsonNode document = ours.document();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).as("a local $ref").startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode())
                    .as("%s resolves", ref)
                    .isFalse();
        }
        document.path("components").path("schemas").fieldNames().forEachRemaining(name -> assertThatCode(
                        () -> ours.schemaAt("/components/schemas/" + name))
                .doesNotThrowAnyException());
        assertThat(ours.operations()).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void everyOperationOfOurDocumentDocumentsItsErrorsAndAuthentication() {
        JsonNode paths = OpenApiContract.ours().document().path("paths");
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode responses = operation.getValue().path("responses");
            String what = operation.getKey() + " " + path.getKey();
            assertThat(responses.isEmpty()).as("%s has responses", what).isFalse();
            if (path.getKey().startsWith("/v1/")) {
                assertThat(responses.has("401")).as("%s documents 401", what).isTrue();
                assertThat(responses.has("500")).as("%s documents 500", what).isTrue();
                // The default (the developer key), or alternatives that include it (the events stream's token).
                JsonNode security = operation.getValue().path("security");
                assertThat(security.isMissingNode()
                                || java.util.stream.StreamSupport.stream(security.spliterator(), false)
                                        .anyMatch(alternative -> alternative.has("developerKey")))
                        .as("%s uses the default security or offers it", what)
                        .isTrue();
            } else {
                assertThat(operation.getValue().path("security").isArray())
                        .as("%s is public", what)
                        .isTrue();
            }
            if (path.getKey().contains("{")) {
                assertThat(responses.has("404")).as("%s documents 404", what).isTrue();
            }
            if (operation.getValue().has("requestBody")) {
                assertThat(List.of("400", "413", "415")).allSatisfy(status -> assertThat(responses.has(status))
                        .as("%s documents %s", what, status)
                        .isTrue());
            }
        }));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().textValue());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
