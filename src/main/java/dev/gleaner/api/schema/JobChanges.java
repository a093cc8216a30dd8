package dev.gleaner.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Schema {@code JobChanges}: a job's change report — pages stored as new datasets, updated, found unchanged, datasets
 * removed by a complete sync — and, in a changes listing, the pages that failed (the job's {@code failed}).
 */
public record JobChanges(@JsonProperty("new") long added, long updated, long unchanged, long removed) {}
