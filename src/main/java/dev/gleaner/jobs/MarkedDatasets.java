package dev.gleaner.jobs;

import java.time.Instant;

/**
 * The datasets a sync marked removed during a grace period ({@link SyncRemoval.Action#MARK}). Implemented by the
 * store; used by {@link RemovalSweep}.
 */
public interface MarkedDatasets {
    /**
     * Deletes up to {@code max} datasets marked removed at or before {@code cutoff} — rows, chunks and file, with
     * their change-feed entries, as a user's delete does — and returns how many it deleted. Each is deleted only if
     * it is still marked so when its row is locked: a sync that saw it again meanwhile cleared the mark, and another
     * process that deleted it first leaves nothing to delete, so running it in several processes at once is safe.
     */
    int deleteMarkedBefore(Instant cutoff, int max);
}
