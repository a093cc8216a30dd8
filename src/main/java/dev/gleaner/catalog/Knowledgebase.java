package dev.gleaner.catalog;

import java.time.Instant;

/**
 * A knowledgebase: a searchable collection of datasets. {@code embeddingModelName}, {@code chunkSize} and
 * {@code chunkOverlap} (characters) are fixed at creation. {@code datasetCount}/{@code chunkCount} are read-time counts.
 */
public record Knowledgebase(
        String id,
        String projectId,
        String name,
        String type,
        String embeddingModelName,
        int chunkSize,
        int chunkOverlap,
        Instant createdAt,
        Instant updatedAt,
        long datasetCount,
        long chunkCount) {}
