package dev.gleaner.api.schema;

import org.jspecify.annotations.Nullable;

/**
 * Schema {@code JobChange}: one URL of a job's change report, with its change, why (omitted when nothing more is
 * known than the change), the dataset it stored, updated, confirmed or removed, and when.
 */
public record JobChange(String url, String change, @Nullable String reason, @Nullable String datasetId, String at) {}
