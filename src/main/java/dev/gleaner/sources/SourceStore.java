package dev.gleaner.sources;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where sources are kept, shared by every process. A source's crawl headers are stored sealed and read back opened.
 * A read fills {@link Source#lastJobId} with the newest job carrying the source's id.
 *
 * <p>Runs are coordinated through a hold on the source's row: {@link #hold} takes it only when nobody holds it (or the
 * holder's lease has expired) and, for a scheduled run, only while the source is still due at the time it was read;
 * a conditional update, so of several processes trying at once exactly one succeeds. {@link #release} ends the hold
 * and moves the next due time on, only when the holder still holds it and the due time is still the one it ran.
 */
public interface SourceStore {
    void insert(Source source);

    /** The knowledgebase's sources, oldest first. */
    List<Source> list(String knowledgebaseId);

    Optional<Source> find(String knowledgebaseId, String sourceId);

    int count(String knowledgebaseId);

    /** Replaces the definition (name, spec, urls, schedule, next due time, updatedAt); false when it is gone. */
    boolean update(Source source);

    boolean delete(String knowledgebaseId, String sourceId);

    /** Sources due at {@code now} that nobody holds, earliest due first, at most {@code max}. */
    List<Source> due(Instant now, int max);

    /**
     * Takes the hold of the source for {@code holder} until {@code until}; when {@code due} is given, only if the
     * source's next due time is still exactly {@code due}. False when another holder has it (or it is no longer due).
     */
    boolean hold(String sourceId, String holder, Instant now, Instant until, @Nullable Instant due);

    /**
     * Ends {@code holder}'s hold; when {@code due} is given and still the source's next due time, sets it to
     * {@code next}; when {@code skippedAt} is given, records the skipped run and its reason. False when the holder had
     * lost the hold (nothing is changed then).
     */
    boolean release(
            String sourceId,
            String holder,
            @Nullable Instant due,
            @Nullable Instant next,
            @Nullable Instant skippedAt,
            @Nullable String skipReason);
}
