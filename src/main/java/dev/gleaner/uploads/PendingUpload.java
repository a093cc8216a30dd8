package dev.gleaner.uploads;

/**
 * An uploaded dataset whose chunks are not stored yet, with the settings of its knowledgebase that processing needs.
 */
public record PendingUpload(
        String datasetId,
        String knowledgebaseId,
        String filename,
        String embeddingModelName,
        int chunkSize,
        int chunkOverlap) {}
