package dev.gleaner.api.schema;

/** Schema {@code Message}: the answer of a delete. */
public record Message(String message) {}
