package dev.gleaner.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Schema {@code Chunk}; {@code datasetId}, {@code position} and {@code headingPath} are extensions. */
public record Chunk(
        String id,
        String content,
        int contentLength,
        @JsonProperty("isEnabled") boolean isEnabled,
        String datasetId,
        int position,
        List<String> headingPath) {
    public Chunk {
        headingPath = List.copyOf(headingPath);
    }
}
