package dev.gleaner.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Turns a {@code PATCH …/chunks/{chunkId}} body, a JSON object with exactly the boolean field {@code isEnabled}, into
 * that value, or a 400 listing every problem.
 */
final class ChunkChangeValidator {
    static final String ENABLED = "isEnabled";
    static final Set<String> FIELDS = Set.of(ENABLED);

    boolean validateEnabled(JsonNode body) {
        Problems problems = new Problems();
        JsonFields fields = JsonFields.ofBody(body, problems);
        fields.rejectUnknown(FIELDS);
        Boolean enabled = fields.bool(ENABLED);
        if (enabled == null && !problems.has(ENABLED)) {
            fields.problem(ENABLED, "is required");
        }
        problems.throwIfAny();
        return Boolean.TRUE.equals(enabled);
    }
}
