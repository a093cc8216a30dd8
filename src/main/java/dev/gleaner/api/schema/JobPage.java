package dev.gleaner.api.schema;

import org.jspecify.annotations.Nullable;

/**
 * Schema {@code JobPage}: one URL a job saw and what became of it ({@code pending} / {@code processing} while in
 * progress); {@code reason}, {@code httpStatus} and {@code datasetId} are omitted when absent.
 */
public record JobPage(
        String url,
        String outcome,
        @Nullable String reason,
        @Nullable Integer httpStatus,
        int depth,
        int attempts,
        @Nullable String datasetId,
        String updatedAt) {}
