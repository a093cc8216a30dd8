package dev.gleaner.jobs;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One URL a job saw, as the pages listing shows it. {@code outcome} is the URL's final outcome or, while it is in
 * progress, {@link PageOutcome#PENDING} / {@link PageOutcome#PROCESSING}.
 */
public record PageRecord(
        String url,
        PageOutcome outcome,
        @Nullable String reason,
        @Nullable Integer httpStatus,
        int depth,
        int attempts,
        @Nullable String datasetId,
        Instant updatedAt) {}
