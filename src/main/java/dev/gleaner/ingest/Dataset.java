package dev.gleaner.ingest;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One source document of a knowledgebase: one crawled page or one uploaded file. {@code parsed} is true once its chunks
 * are embedded and searchable. For a crawled page {@code fileUrl} and {@code sourceUrl} are the page's URL.
 */
public record Dataset(
        String id,
        String knowledgebaseId,
        @Nullable String jobId,
        String filename,
        String fileUrl,
        @Nullable String sourceUrl,
        @Nullable String title,
        String extensionType,
        long size,
        boolean parsed,
        @Nullable String contentHash,
        long chunkCount,
        @Nullable String error,
        Instant createdAt,
        Instant updatedAt) {}
