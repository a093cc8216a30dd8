package dev.gleaner.api.schema;

/** Schema {@code HealthProblem}: a part of the process that does not work, and why. */
public record HealthProblem(String component, String problem) {}
