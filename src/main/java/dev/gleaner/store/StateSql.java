package dev.gleaner.store;

import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.UrlState;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * URL states, page outcomes and job statuses as SQL literals, taken from their enums. Written into the statement
 * text rather than bound, so that a statement's text (and PostgreSQL's choice of a partial index on a state) stays the
 * same for every call. A statement names them with placeholders: {@code {state:pending}}, {@code {outcome:failed}},
 * and {@code {live}} for the statuses of unfinished jobs.
 */
final class StateSql {
    /** The statuses of jobs not finished yet: {@code 'queued', 'running'}. */
    static final String LIVE = Arrays.stream(JobStatus.values())
            .filter(status -> !status.finished())
            .map(status -> literal(status.wire()))
            .collect(Collectors.joining(", "));

    private StateSql() {}

    /** {@code states} as a comma-separated list of quoted literals: {@code 'pending', 'leased'}. */
    static String of(UrlState... states) {
        return Arrays.stream(states).map(state -> literal(state.wire())).collect(Collectors.joining(", "));
    }

    /** {@code sql} with its placeholders replaced by literals; an error for a placeholder that names nothing. */
    static String resolve(String sql) {
        String resolved = sql.replace("{live}", LIVE);
        for (UrlState state : UrlState.values()) {
            resolved = resolved.replace("{state:" + state.wire() + "}", literal(state.wire()));
        }
        for (PageOutcome outcome : PageOutcome.values()) {
            resolved = resolved.replace("{outcome:" + outcome.wire() + "}", literal(outcome.wire()));
        }
        if (resolved.contains("{")) {
            throw new IllegalArgumentException("Unknown placeholder in: " + sql);
        }
        return resolved;
    }

    private static String literal(String wire) {
        return "'" + wire + "'";
    }
}
