package dev.gleaner.ingest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A passage of a dataset, in document order ({@code position} from 0). Disabled chunks are never returned by a query.
 *
 * @param anchor the id of the section the passage is in (see {@link ChunkText#anchor()}), the fragment that links to
 *     it in its page; null when it is in no section with an id
 */
public record Chunk(
        String id,
        String datasetId,
        String knowledgebaseId,
        int position,
        String content,
        List<String> headingPath,
        boolean enabled,
        @Nullable String anchor) {
    public Chunk {
        headingPath = List.copyOf(headingPath);
    }

    /** A chunk in no section with an id. */
    public Chunk(
            String id,
            String datasetId,
            String knowledgebaseId,
            int position,
            String content,
            List<String> headingPath,
            boolean enabled) {
        this(id, datasetId, knowledgebaseId, position, content, headingPath, enabled, null);
    }

    public int contentLength() {
        return content.length();
    }
}
