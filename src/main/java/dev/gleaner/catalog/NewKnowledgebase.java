package dev.gleaner.catalog;

/** A validated request to create a knowledgebase. */
public record NewKnowledgebase(String name, String type, String embeddingModelName, int chunkSize, int chunkOverlap) {
    public static final int DEFAULT_CHUNK_SIZE = 500;
    public static final int DEFAULT_CHUNK_OVERLAP = 50;
    public static final int MIN_CHUNK_SIZE = 50;
    public static final int MAX_CHUNK_SIZE = 8_000;
}
