package dev.gleaner.ingest;

/** The original bytes of a dataset as they were fetched or uploaded, with their content type. */
@SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
public record StoredFile(String contentType, byte[] bytes) {}
