package dev.gleaner.api;

import dev.gleaner.catalog.Knowledgebase;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@code PATCH …/knowledgebases/{kb}} body. Only {@code name} may change; the settings fixed at creation
 * may be sent, but only with their current value.
 */
record KnowledgebaseChanges(
        @Nullable String name,
        @Nullable String embeddingModelName,
        @Nullable Integer chunkSize,
        @Nullable Integer chunkOverlap) {

    /** The fixed settings this request would change, in the order they are documented. */
    List<String> fixedSettingsChanged(Knowledgebase current) {
        List<String> changed = new ArrayList<>();
        if (embeddingModelName != null && !embeddingModelName.equals(current.embeddingModelName())) {
            changed.add("embeddingModelName");
        }
        if (chunkSize != null && chunkSize != current.chunkSize()) {
            changed.add("chunkSize");
        }
        if (chunkOverlap != null && chunkOverlap != current.chunkOverlap()) {
            changed.add("chunkOverlap");
        }
        return changed;
    }
}
