package dev.gleaner.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the end of a sync does to its source's datasets, as pure functions: the rule of removed pages. A store calls
 * {@link #applies} when a job finishes and, when it does, {@link #decide} on every dataset of the job's source in the
 * job's knowledgebase with what the job saw of it; it persists the answer in the same transaction.
 *
 * <p>Only a <em>complete</em> sync removes anything: the job has a source, ended {@code completed} (not cancelled,
 * not failed), did not reach its limit, read its sitemaps without a problem (when it read any), and at least one of its
 * seeds ended done — a sync that could not reach the site's entry points cannot tell a removed page from an unreachable
 * one.
 *
 * <p>A dataset is seen again, and kept, when a row of the job holds its id (stored, updated or confirmed unchanged),
 * or when the row for its URL (its source key) ended in a way that says nothing about the page being gone: a failure
 * other than 404/410 (network error, timeout, 5xx, 429 after its retries, a blocked fetch, an unreadable body),
 * {@code unsupported}, {@code robots} (a robots.txt that cannot be read disallows everything, RFC 9309: the page may
 * well be there) and {@code empty} (a page that lost its text keeps its dataset, as a crawl does). It is removed when
 * its URL answered 404 or 410, is not linked or listed any more (no row), or ended {@code noindex} (the page asks not to
 * be indexed), {@code duplicate} (its content now lives under another, canonical URL), {@code outOfScope}, or was stored
 * under another dataset (it redirects elsewhere now).
 */
public final class SyncRemoval {
    private SyncRemoval() {}

    /** What a job knows about how it ended, besides its row. */
    public record SyncEnd(boolean seedingProblem, boolean anySeedDone) {}

    /** How the job's row for a dataset's URL ended: its state, outcome and HTTP status; null fields when unknown. */
    public record UrlSighting(UrlState state, @Nullable PageOutcome outcome, @Nullable Integer httpStatus) {}

    /**
     * One dataset of the source: its id, its URL, when an earlier sync marked it removed (null: not marked), whether a
     * row of the job holds its id, and how the job's row for its source key ended (null: the job has none).
     */
    public record Candidate(
            String datasetId, String url, @Nullable Instant removedAt, boolean seenById, @Nullable UrlSighting byUrl) {}

    /** What becomes of one dataset. */
    public enum Action {
        /** Seen again: kept; a removal mark it had is cleared. */
        KEEP,
        /** Not seen again, no grace period: deleted now, reported removed. */
        DELETE,
        /** Not seen again, with a grace period: marked removed now (still searchable), reported removed. */
        MARK,
        /** Not seen again and already marked by an earlier sync: left for the sweep, not reported again. */
        LEAVE_MARKED
    }

    /** One dataset and what becomes of it. */
    public record Decision(Candidate dataset, Action action) {
        /** Whether this job reports the dataset removed ({@code crawl.page} with outcome {@code removed}). */
        public boolean reported() {
            return action == Action.DELETE || action == Action.MARK;
        }
    }

    /** Whether the end of {@code job} removes what it did not see: it is a complete sync of a source. */
    public static boolean applies(CrawlJob job, SyncEnd end) {
        return job.spec().sourceId() != null
                && job.status() == JobStatus.COMPLETED
                && !job.limitReached()
                && !end.seedingProblem()
                && end.anySeedDone();
    }

    /** Whether the job saw the dataset again (so it is kept). */
    public static boolean seenAgain(Candidate dataset) {
        if (dataset.seenById()) {
            return true;
        }
        UrlSighting sighting = dataset.byUrl();
        return sighting != null && keeps(sighting);
    }

    /** Whether a URL that ended so leaves its dataset in place. */
    static boolean keeps(UrlSighting sighting) {
        PageOutcome outcome = sighting.outcome();
        if (sighting.state().isOpen() || outcome == null) {
            // Not finished (cannot happen in a completed job): never a reason to remove.
            return true;
        }
        return switch (outcome) {
            case FAILED -> !gone(sighting.httpStatus());
            case UNSUPPORTED, ROBOTS, EMPTY -> true;
            default -> false;
        };
    }

    /** 404 Not Found and 410 Gone say the page is no more; every other failure may pass. */
    private static boolean gone(@Nullable Integer httpStatus) {
        return httpStatus != null && (httpStatus == 404 || httpStatus == 410);
    }

    /**
     * What becomes of each of the source's datasets at the end of a complete sync: kept when seen again, otherwise
     * deleted at once ({@code grace} zero) or marked to be deleted once {@code grace} has passed since the mark.
     */
    public static List<Decision> decide(List<Candidate> datasets, Duration grace) {
        List<Decision> decisions = new ArrayList<>(datasets.size());
        for (Candidate dataset : datasets) {
            decisions.add(new Decision(dataset, action(dataset, grace)));
        }
        return decisions;
    }

    private static Action action(Candidate dataset, Duration grace) {
        if (seenAgain(dataset)) {
            return Action.KEEP;
        }
        if (grace.isZero() || grace.isNegative()) {
            return Action.DELETE;
        }
        return dataset.removedAt() == null ? Action.MARK : Action.LEAVE_MARKED;
    }

    /** Whether a dataset marked removed at {@code removedAt} is due for deletion at {@code now}. */
    public static boolean due(Instant removedAt, Duration grace, Instant now) {
        return !removedAt.plus(grace).isAfter(now);
    }

    /** The reason a removed dataset's row and event give: what the sync found, and what becomes of the dataset. */
    public static String reason(Decision decision, Duration grace, Instant now) {
        UrlSighting sighting = decision.dataset().byUrl();
        String found;
        if (sighting == null || sighting.outcome() == null) {
            found = "This complete sync of its source no longer found the page (not linked or listed)";
        } else {
            Integer status = sighting.httpStatus();
            found = "This complete sync of its source found the page "
                    + sighting.outcome().wire() + (status != null ? " (HTTP " + status + ")" : "");
        }
        return decision.action() == Action.MARK
                ? found + "; the dataset is left out of query results and deleted when the grace period ends, at "
                        + now.plus(grace) + ", unless a sync finds the page again"
                : found + "; the dataset was deleted";
    }
}
