package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.NewKnowledgebase;
import dev.gleaner.ingest.BundledModels;
import dev.gleaner.testapp.DefaultSettings;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KnowledgebaseRequestValidationTest {
    private static final ObjectMapper MAPPER = ApiJson.mapper();
    private final KnowledgebaseRequestValidator validator =
            new KnowledgebaseRequestValidator(DefaultSettings.apiLimits());

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    private static ObjectNode named() {
        return MAPPER.createObjectNode().put("name", "Docs");
    }

    private static Map<String, String> problems(Function<JsonNode, ?> validation, JsonNode body) {
        try {
            var unused = validation.apply(body);
        } catch (ServiceException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            return e.details();
        }
        throw new AssertionError("accepted: " + body);
    }

    private Map<String, String> createProblems(JsonNode body) {
        return problems(validator::validateCreate, body);
    }

    @Test
    void aNameAloneGetsTheDocumentedDefaults() {
        assertThat(validator.validateCreate(named()))
                .isEqualTo(new NewKnowledgebase("Docs", "lucene", BundledModels.DEFAULT, 500, 50));
    }

    @Test
    void everyFieldIsCarried() throws Exception {
        NewKnowledgebase kb = validator.validateCreate(
                json(
                        """
                {"name": "  Docs  ", "type": "pgvector", "embeddingModelName": "other-model", "chunkSize": 800,
                 "chunkOverlap": 0}"""));
        assertThat(kb).isEqualTo(new NewKnowledgebase("Docs", "pgvector", "other-model", 800, 0));
    }

    @Test
    void aRequestWithSeveralProblemsListsThemAll() throws Exception {
        Map<String, String> problems = createProblems(
                json(
                        """
                {"name": "", "type": "faiss", "embeddingModelName": 7, "chunkSize": 49, "chunkOverlap": -1, "extra": 1}"""));
        assertThat(problems)
                .containsOnlyKeys("name", "type", "embeddingModelName", "chunkSize", "chunkOverlap", "extra");
        assertThat(problems.get("name")).isEqualTo("must not be empty");
        assertThat(problems.get("type")).isEqualTo("must be one of: lucene, pgvector");
        assertThat(problems.get("embeddingModelName")).isEqualTo("must be a string");
        assertThat(problems.get("extra")).isEqualTo("is not a known field");
    }

    @Test
    void chunkSizeBoundaries() {
        assertThat(validator.validateCreate(named().put("chunkSize", 50)).chunkSize())
                .isEqualTo(50);
        assertThat(validator.validateCreate(named().put("chunkSize", 8_000)).chunkSize())
                .isEqualTo(8_000);
        assertThat(createProblems(named().put("chunkSize", 49)))
                .containsEntry("chunkSize", "must be between 50 and 8000");
        assertThat(createProblems(named().put("chunkSize", 8_001)))
                .containsEntry("chunkSize", "must be between 50 and 8000");
    }

    @Test
    void chunkOverlapMustBeBelowChunkSize() {
        assertThat(validator
                        .validateCreate(named().put("chunkSize", 100).put("chunkOverlap", 99))
                        .chunkOverlap())
                .isEqualTo(99);
        assertThat(validator.validateCreate(named().put("chunkOverlap", 0)).chunkOverlap())
                .isZero();
        assertThat(createProblems(named().put("chunkSize", 100).put("chunkOverlap", 100)))
                .containsExactly(Map.entry("chunkOverlap", "must be less than chunkSize (100)"));
        assertThat(createProblems(named().put("chunkOverlap", 500)))
                .containsExactly(Map.entry("chunkOverlap", "must be less than chunkSize (500)"));
        assertThat(createProblems(named().put("chunkSize", 10).put("chunkOverlap", 20)))
                .as("an invalid chunkSize is not compared with")
                .containsOnlyKeys("chunkSize");
    }

    @Test
    void theDefaultOverlapStaysBelowASmallChunkSize() {
        assertThat(validator.validateCreate(named().put("chunkSize", 50)).chunkOverlap())
                .isEqualTo(25);
        assertThat(validator.validateCreate(named().put("chunkSize", 100)).chunkOverlap())
                .isEqualTo(50);
    }

    @Test
    void nameRules() throws Exception {
        assertThat(createProblems(json("{}"))).containsExactly(Map.entry("name", "is required"));
        assertThat(createProblems(json("{\"name\": null}"))).containsExactly(Map.entry("name", "is required"));
        assertThat(createProblems(json("{\"name\": \"   \"}"))).containsExactly(Map.entry("name", "must not be empty"));
        assertThat(createProblems(json("{\"name\": [\"Docs\"]}")))
                .containsExactly(Map.entry("name", "must be a string"));
        assertThat(validator
                        .validateCreate(MAPPER.createObjectNode().put("name", "n".repeat(200)))
                        .name())
                .hasSize(200);
        assertThat(createProblems(MAPPER.createObjectNode().put("name", "n".repeat(201))))
                .containsExactly(Map.entry("name", "must be at most 200 characters"));
    }

    @Test
    void aPatchAcceptsOnlyItsFieldsWithTheirTypes() throws Exception {
        Map<String, String> problems = problems(
                validator::validateChanges,
                json(
                        """
                {"name": 1, "chunkSize": "500", "chunkOverlap": 1.5, "embeddingModelName": false, "type": "lucene"}"""));
        assertThat(problems).containsOnlyKeys("name", "chunkSize", "chunkOverlap", "embeddingModelName", "type");
        assertThat(validator.validateChanges(json("{}"))).isEqualTo(new KnowledgebaseChanges(null, null, null, null));
    }

    @Test
    void aPatchChangesAFixedSettingOnlyWhenItsValueDiffers() throws Exception {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Knowledgebase current =
                new Knowledgebase("kb_1", "proj_1", "Docs", "lucene", "all-minilm-l6-v2", 500, 50, at, at, 0, 0);
        KnowledgebaseChanges same = validator.validateChanges(
                json(
                        """
                {"name": "New", "embeddingModelName": "all-minilm-l6-v2", "chunkSize": 500, "chunkOverlap": 50}"""));
        assertThat(same.fixedSettingsChanged(current)).isEmpty();
        assertThat(same.name()).isEqualTo("New");
        KnowledgebaseChanges different = validator.validateChanges(
                json("""
                {"embeddingModelName": "other", "chunkSize": 501, "chunkOverlap": 49}"""));
        assertThat(different.fixedSettingsChanged(current))
                .containsExactly("embeddingModelName", "chunkSize", "chunkOverlap");
    }
}
