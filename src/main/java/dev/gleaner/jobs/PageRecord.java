package dev.gleaner.jobs;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One URL a job saw, as the pages listing shows it. {@code outcome} is the URL's final outcome ({@code ingested}, {@code updated},
 * {@code unchanged}, {@code duplicate}, {@code failed}, {@code cancelled}, {@code robots}, {@code outOfScope},
 * {@code overLimit}, {@code noindex}, {@code empty}, {@code unsupported}) or, while it is in progress, {@code pending} /
 * {@code processing}.
 */
public record PageRecord(
        String url,
        String outcome,
        @Nullable String reason,
        @Nullable Integer httpStatus,
        int depth,
        int attempts,
        @Nullable String datasetId,
        Instant updatedAt) {}
