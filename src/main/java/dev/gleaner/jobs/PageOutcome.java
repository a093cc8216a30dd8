package dev.gleaner.jobs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What became of one URL a job saw, as the pages listing, the {@code crawl.page} webhook event and the frontier's
 * {@code outcome} column name it. {@link #counter()} is the job counter a URL that ends with this outcome after
 * processing adds to; a URL not admitted at all is counted as skipped instead, under its {@link SkipReason}.
 * {@link #reason()} is the explanation shown when nothing more specific is known.
 */
public enum PageOutcome {
    INGESTED("ingested", Counter.DONE, "Stored as a new dataset"),
    UPDATED("updated", Counter.DONE, "Stored as the new content of the page's dataset"),
    UNCHANGED("unchanged", Counter.DONE, "Already in the knowledgebase with the same content"),
    DUPLICATE("duplicate", Counter.DONE, "Same content as, or another canonical URL than, a page already seen"),
    NOINDEX("noindex", Counter.DONE, "The page asks not to be indexed (meta robots noindex)"),
    EMPTY("empty", Counter.DONE, "The page has no text: nothing to index"),
    FAILED("failed", Counter.FAILED, "The page could not be imported"),
    UNSUPPORTED("unsupported", Counter.FAILED, "The page's media type cannot be read as text"),
    CANCELLED("cancelled", Counter.NONE, "The job was cancelled before the URL was processed"),
    ROBOTS("robots", Counter.FAILED, "Disallowed by the site's robots.txt"),
    OUT_OF_SCOPE("outOfScope", Counter.FAILED, "Redirected outside the crawl's scope"),
    OVER_LIMIT("overLimit", Counter.SKIPPED, "Not admitted: the job's limit was reached"),
    REMOVED(
            "removed",
            Counter.REMOVED,
            "The page's dataset was removed: this complete sync of its source no longer found the page"),
    PENDING("pending", Counter.NONE, "Waiting to be processed"),
    PROCESSING("processing", Counter.NONE, "Being processed by a worker");

    /** The job counter an outcome adds to. */
    public enum Counter {
        DONE,
        FAILED,
        SKIPPED,
        /**
         * A dataset a complete sync removed: counted in the job's {@code changes.removed}, never in {@code total},
         * {@code done} or {@code failed} (it was not admitted; the sync found it missing).
         */
        REMOVED,
        /** Counted by none: cancelled, or not finished yet. */
        NONE
    }

    /** Every outcome's wire name, in declaration order: the values a pages listing can be filtered on. */
    public static final List<String> WIRE_NAMES =
            Arrays.stream(values()).map(PageOutcome::wire).toList();

    private static final Map<String, PageOutcome> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(PageOutcome::wire, Function.identity()));

    private final String wire;
    private final Counter counter;
    private final String reason;

    PageOutcome(String wire, Counter counter, String reason) {
        this.wire = wire;
        this.counter = counter;
        this.reason = reason;
    }

    /** The name in JSON and SQL. */
    public String wire() {
        return wire;
    }

    public Counter counter() {
        return counter;
    }

    /** The explanation of this outcome when nothing more specific is known. */
    public String reason() {
        return reason;
    }

    /** Whether a URL with this outcome is finished (neither waiting nor being processed). */
    public boolean isFinal() {
        return this != PENDING && this != PROCESSING;
    }

    /** The outcome named {@code wire}; an {@link IllegalArgumentException} for a name no outcome has. */
    public static PageOutcome fromWire(String wire) {
        PageOutcome outcome = BY_WIRE.get(wire);
        if (outcome == null) {
            throw new IllegalArgumentException("Not a page outcome: " + wire);
        }
        return outcome;
    }
}
