package dev.gleaner.index;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the chunk change feed: something that may change what a query returns, named by id only (the chunks,
 * their text and vectors stay in the store and are read when the change is applied).
 *
 * @param position the entry's place in the feed: gapless, in commit order
 * @param kind what changed
 * @param knowledgebaseId the knowledgebase it happened in
 * @param datasetId the dataset whose chunks changed ({@link Kind#DATASET}), else null
 * @param changedAt when the change was committed, by the writer's clock
 */
public record IndexChange(
        long position, Kind kind, String knowledgebaseId, @Nullable String datasetId, Instant changedAt) {

    /** What an entry asks the index to do. */
    public enum Kind {
        /** A dataset's chunks were added, replaced, enabled or disabled, or the dataset was deleted: make its documents equal to its stored chunks. */
        DATASET,
        /** A knowledgebase was deleted with everything in it. */
        KNOWLEDGEBASE_DELETED
    }

    public IndexChange {
        if (position < 1) {
            throw new IllegalArgumentException("a change's position is at least 1, was " + position);
        }
        if ((kind == Kind.DATASET) != (datasetId != null)) {
            throw new IllegalArgumentException("a DATASET change names its dataset, and only it does");
        }
    }
}
