package dev.gleaner.api.schema;

/** Schema {@code Knowledgebase}; {@code datasetCount} and {@code chunkCount} are extensions. */
public record Knowledgebase(
        String id,
        String name,
        String type,
        String embeddingModelName,
        int chunkSize,
        int chunkOverlap,
        String createdAt,
        String updatedAt,
        long datasetCount,
        long chunkCount) {}
