package dev.gleaner.jobs;

import org.jspecify.annotations.Nullable;

/** What a page that reached a final outcome reports ({@code crawl.page}); {@code datasetId} is set when it was stored. */
public record PageReport(
        String url,
        PageOutcome outcome,
        @Nullable String reason,
        @Nullable Integer httpStatus,
        @Nullable String datasetId) {}
