package dev.gleaner.jobs;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A kind of change in a job's change report, as {@code GET …/crawl/jobs/{jobId}/changes?change=} names it, and the
 * page outcome its URLs have: {@code new} is a page stored as a new dataset ({@code ingested}); {@code failed} lists
 * every URL counted in the job's {@code failed}, whatever its outcome.
 */
public enum ChangeKind {
    NEW("new", PageOutcome.INGESTED),
    UPDATED("updated", PageOutcome.UPDATED),
    UNCHANGED("unchanged", PageOutcome.UNCHANGED),
    REMOVED("removed", PageOutcome.REMOVED),
    FAILED("failed", PageOutcome.FAILED);

    /** Every kind's wire name, in declaration order. */
    public static final List<String> WIRE_NAMES =
            Arrays.stream(values()).map(ChangeKind::wire).toList();

    private final String wire;
    private final PageOutcome outcome;

    ChangeKind(String wire, PageOutcome outcome) {
        this.wire = wire;
        this.outcome = outcome;
    }

    public String wire() {
        return wire;
    }

    /** The outcome the pages listing filters on to list this kind's URLs. */
    public PageOutcome outcome() {
        return outcome;
    }

    /** The kind a page of {@code outcome} is; empty for an outcome that is no change. */
    public static Optional<ChangeKind> of(PageOutcome outcome) {
        return Arrays.stream(values()).filter(kind -> kind.outcome == outcome).findFirst();
    }

    public static Optional<ChangeKind> parse(String wire) {
        return Arrays.stream(values()).filter(kind -> kind.wire.equals(wire)).findFirst();
    }
}
