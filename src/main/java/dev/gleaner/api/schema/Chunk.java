package dev.gleaner.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Schema {@code Chunk}; {@code datasetId}, {@code position} and {@code headingPath} are extensions. */
public record Chunk(
        String id,
        String content,
        int contentLength,
        @JsonProperty("isEnabled") boolean isEnabled,
        String datasetId,
        int position,
        List<String> headingPath,
        @Nullable Long indexPosition) {
    public Chunk {
        headingPath = List.copyOf(headingPath);
    }

    /** This chunk with the change-feed position of the change just made to it ({@code [ext] indexPosition}). */
    public Chunk withIndexPosition(long changePosition) {
        return new Chunk(id, content, contentLength, isEnabled, datasetId, position, headingPath, changePosition);
    }
}
