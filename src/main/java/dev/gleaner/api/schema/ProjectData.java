package dev.gleaner.api.schema;

/** Schema {@code ProjectData}: one project in the {@code {"data": …}} envelope. */
public record ProjectData(Project data) {}
