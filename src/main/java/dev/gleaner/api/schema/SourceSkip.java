package dev.gleaner.api.schema;

/** Schema {@code SourceSkip}: the last due time that passed without a sync, and why. */
public record SourceSkip(String at, String reason) {}
