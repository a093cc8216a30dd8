package dev.gleaner.api.schema;

import org.jspecify.annotations.Nullable;

/** Schema {@code SourceSchedule}: exactly one of {@code every} (ISO-8601 duration) and {@code cron} (5 fields, UTC). */
public record SourceSchedule(@Nullable String every, @Nullable String cron) {}
