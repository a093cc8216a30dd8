package dev.gleaner.index;

import dev.gleaner.ingest.EmbeddedChunk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The store's ordered log of {@link IndexChange}s, and what applying them needs to read. Positions are gapless and
 * appear in commit order: once a reader sees position {@code n}, every change up to {@code n} is committed and
 * readable, so following the feed by position never skips one. Thread-safe.
 */
public interface ChangeFeed {
    /** The position of the newest committed change; 0 when there has been none. */
    long head();

    /**
     * The position below which changes were pruned: an index that has applied less than this missed changes and is
     * rebuilt from the store.
     */
    long prunedThrough();

    /** How long ago, by the store's clock, the oldest change after {@code position} was committed; zero if none. */
    Duration age(long position);

    /** Up to {@code limit} changes after {@code position}, in position order. */
    List<IndexChange> after(long position, int limit);

    /** The dataset's stored chunks (id → enabled); empty when it has none or no longer exists. */
    Map<String, Boolean> chunkStates(String datasetId);

    /** The dataset's stored chunks with their vectors; empty when it has none or no longer exists. */
    List<EmbeddedChunk> chunks(String datasetId);

    /** Hands every stored chunk with its vector to {@code action} once, for a rebuild. */
    void forEachChunk(Consumer<EmbeddedChunk> action);

    /** Records that {@code processId}'s index has committed every change up to {@code position}. */
    void recordFollower(String processId, long position, Instant now);

    /**
     * The lowest committed position among the followers recorded since {@code seenSince} (the live ones), forgetting
     * followers not seen since then; empty when there is none.
     */
    OptionalLong slowestFollower(Instant seenSince);

    /** Deletes the changes at or below {@code position} (they are applied by every live follower). */
    void prune(long position);
}
