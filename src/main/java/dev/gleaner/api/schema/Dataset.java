package dev.gleaner.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code Dataset}; {@code sourceUrl}, {@code title}, {@code jobId}, {@code chunkCount}, {@code error},
 * {@code sourceId} and {@code removedAt} are extensions, the nullable ones omitted when absent.
 */
public record Dataset(
        String id,
        String filename,
        String fileUrl,
        String extensionType,
        long size,
        @JsonProperty("isParsed") boolean isParsed,
        String createdAt,
        String updatedAt,
        @Nullable String sourceUrl,
        @Nullable String title,
        @Nullable String jobId,
        long chunkCount,
        @Nullable String error,
        @Nullable String sourceId,
        @Nullable String removedAt,
        @Nullable Long indexPosition) {

    /** This dataset with the store's change-feed position when it was read ({@code [ext] indexPosition}). */
    public Dataset withIndexPosition(long position) {
        return new Dataset(
                id,
                filename,
                fileUrl,
                extensionType,
                size,
                isParsed,
                createdAt,
                updatedAt,
                sourceUrl,
                title,
                jobId,
                chunkCount,
                error,
                sourceId,
                removedAt,
                position);
    }
}
