package dev.gleaner.api.schema;

import org.jspecify.annotations.Nullable;

/** Schema {@code SourceLastJob}: the newest sync of a source, in brief; {@code finishedAt} omitted while it runs. */
public record SourceLastJob(String jobId, String status, @Nullable String finishedAt, JobChanges changes) {}
