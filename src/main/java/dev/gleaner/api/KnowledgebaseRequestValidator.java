package dev.gleaner.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.catalog.NewKnowledgebase;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns knowledgebase request bodies into {@link NewKnowledgebase} (create) and {@link KnowledgebaseChanges} (patch), or
 * a 400 listing every problem. Whether an embedding model exists in this deployment is the catalog's to say.
 */
final class KnowledgebaseRequestValidator {
    static final Set<String> CREATE_FIELDS = Set.of("name", "type", "embeddingModelName", "chunkSize", "chunkOverlap");
    static final Set<String> PATCH_FIELDS = Set.of("name", "embeddingModelName", "chunkSize", "chunkOverlap");
    /** Index types a client may name; the deployment's own backend is what the knowledgebase reports. */
    static final List<String> TYPES = List.of("lucene", "pgvector");

    static final String DEFAULT_TYPE = "lucene";

    private final ApiLimits limits;

    KnowledgebaseRequestValidator(ApiLimits limits) {
        this.limits = limits;
    }

    NewKnowledgebase validateCreate(JsonNode body) {
        Problems problems = new Problems();
        JsonFields fields = JsonFields.ofBody(body, problems);
        fields.rejectUnknown(CREATE_FIELDS);
        String name = fields.text("name", true, limits.maxNameLength());
        String type = fields.text("type", false, limits.maxNameLength());
        if (type != null && !TYPES.contains(type)) {
            fields.problem("type", "must be one of: " + String.join(", ", TYPES));
        }
        String model = fields.text("embeddingModelName", false, limits.maxNameLength());
        Integer chunkSize = fields.integer("chunkSize", false, limits.minChunkSize(), limits.maxChunkSize());
        Integer chunkOverlap = fields.integer("chunkOverlap", false, 0, limits.maxChunkSize() - 1);
        int size = Objects.requireNonNullElse(chunkSize, NewKnowledgebase.DEFAULT_CHUNK_SIZE);
        // An invalid chunkSize is already reported; comparing the overlap with the default would only mislead.
        boolean sizeKnown = chunkSize != null || !fields.has("chunkSize");
        if (chunkOverlap != null && sizeKnown && chunkOverlap >= size) {
            fields.problem("chunkOverlap", "must be less than chunkSize (" + size + ")");
        }
        problems.throwIfAny();
        return new NewKnowledgebase(
                Objects.requireNonNull(name),
                Objects.requireNonNullElse(type, DEFAULT_TYPE),
                Objects.requireNonNullElse(model, limits.defaultEmbeddingModel()),
                size,
                chunkOverlap != null ? chunkOverlap : defaultOverlap(size));
    }

    KnowledgebaseChanges validateChanges(JsonNode body) {
        Problems problems = new Problems();
        JsonFields fields = JsonFields.ofBody(body, problems);
        fields.rejectUnknown(PATCH_FIELDS);
        String name = fields.text("name", false, limits.maxNameLength());
        String model = fields.text("embeddingModelName", false, limits.maxNameLength());
        Integer chunkSize = fields.integer("chunkSize", false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Integer chunkOverlap = fields.integer("chunkOverlap", false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        problems.throwIfAny();
        return new KnowledgebaseChanges(name, model, chunkSize, chunkOverlap);
    }

    /**
     * The documented default overlap, kept below half the chunk size so that a small chunk size given alone still makes
     * a valid, useful pair.
     */
    static int defaultOverlap(int chunkSize) {
        return Math.min(NewKnowledgebase.DEFAULT_CHUNK_OVERLAP, chunkSize / 2);
    }
}
