package dev.gleaner.store;

import dev.gleaner.jobs.UrlState;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * URL states as SQL literals. Written into the statement text rather than bound, so that a statement's text (and
 * PostgreSQL's choice of a partial index on a state) stays the same for every call.
 */
final class StateSql {
    private StateSql() {}

    /** {@code states} as a comma-separated list of quoted literals: {@code 'pending', 'leased'}. */
    static String of(UrlState... states) {
        return Arrays.stream(states).map(state -> "'" + state.wire() + "'").collect(Collectors.joining(", "));
    }
}
