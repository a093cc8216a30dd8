package dev.gleaner.ingest;

import java.util.List;

/** A passage of a dataset, in document order ({@code position} from 0). Disabled chunks are never returned by a query. */
public record Chunk(
        String id,
        String datasetId,
        String knowledgebaseId,
        int position,
        String content,
        List<String> headingPath,
        boolean enabled) {
    public Chunk {
        headingPath = List.copyOf(headingPath);
    }

    public int contentLength() {
        return content.length();
    }
}
