package dev.gleaner.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code QueryResult}: a {@code Chunk} with its relevance {@code score} in [0, 1] and its dataset's source;
 * {@code sourceUrl} and {@code title} are omitted when the dataset has none. {@code sourceUrl} links to the chunk's
 * section, {@code #anchor}, when the chunk is in a section with an id; {@code anchor} is that id, omitted otherwise.
 */
public record QueryResult(
        String id,
        String content,
        int contentLength,
        @JsonProperty("isEnabled") boolean isEnabled,
        String datasetId,
        int position,
        List<String> headingPath,
        double score,
        @Nullable String sourceUrl,
        @Nullable String title,
        @Nullable String anchor) {
    public QueryResult {
        headingPath = List.copyOf(headingPath);
    }
}
