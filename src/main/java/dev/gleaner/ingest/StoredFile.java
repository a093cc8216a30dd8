package dev.gleaner.ingest;

/** The original bytes of a dataset as they were fetched or uploaded, with their content type. */
public record StoredFile(String contentType, byte[] bytes) {}
