package dev.gleaner.api.schema;

import org.jspecify.annotations.Nullable;

/**
 * Schema {@code Job}: the Pathors fields ({@code jobId} … {@code updatedAt}) then the extensions; {@code url},
 * {@code finishedAt}, {@code error} and {@code sourceId} are omitted when absent.
 */
public record Job(
        String jobId,
        String mode,
        long total,
        long done,
        long failed,
        String status,
        String startedAt,
        String updatedAt,
        @Nullable String url,
        @Nullable String finishedAt,
        JobSkipped skipped,
        boolean limitReached,
        JobChanges changes,
        @Nullable String error,
        @Nullable String sourceId,
        @Nullable Long indexPosition) {

    /**
     * This job with the store's change-feed position at the time it was read ({@code [ext] indexPosition}): a query
     * with {@code minPosition} set to it sees every chunk the job had stored by then.
     */
    public Job withIndexPosition(long position) {
        return new Job(
                jobId,
                mode,
                total,
                done,
                failed,
                status,
                startedAt,
                updatedAt,
                url,
                finishedAt,
                skipped,
                limitReached,
                changes,
                error,
                sourceId,
                position);
    }
}
