package dev.gleaner.api.schema;

/** Schema {@code Project}. */
public record Project(String id, String name, String createdAt, String updatedAt) {}
