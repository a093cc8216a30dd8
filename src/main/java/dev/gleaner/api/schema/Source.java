package dev.gleaner.api.schema;

import org.jspecify.annotations.Nullable;

/**
 * Schema {@code Source}: a saved request of a knowledgebase and its schedule; {@code name}, {@code schedule} (manual),
 * {@code nextRunAt}, {@code lastJob} and {@code lastSkipped} are omitted when absent.
 */
public record Source(
        String id,
        @Nullable String name,
        SourceRequest request,
        @Nullable SourceSchedule schedule,
        @Nullable String nextRunAt,
        @Nullable SourceLastJob lastJob,
        @Nullable SourceSkip lastSkipped,
        String createdAt,
        String updatedAt) {}
