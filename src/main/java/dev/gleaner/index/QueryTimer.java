package dev.gleaner.index;

import java.util.List;
import java.util.function.Supplier;

/**
 * Times each query {@link Retriever} answers (embedding the question, both searches and the confirmation of the hits),
 * for the query latency metric. Implementations run {@code query} once, on the calling thread, and return its result
 * or let its exception through.
 */
@FunctionalInterface
public interface QueryTimer {
    List<QueryHit> time(Supplier<List<QueryHit>> query);

    /** Runs each query without timing it. */
    static QueryTimer untimed() {
        return Supplier::get;
    }
}
