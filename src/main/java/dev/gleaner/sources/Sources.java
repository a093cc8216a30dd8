package dev.gleaner.sources;

import dev.gleaner.ErrorCode;
import dev.gleaner.Ids;
import dev.gleaner.ServiceException;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Creates, lists, reads, changes and deletes the sources of a knowledgebase the caller already owns, and syncs one now.
 * A sync is an ordinary job started through {@link JobService#start} with the source's id in its spec, so it is
 * listed, streamed and reported like any job, and a complete sync removes the source's datasets it no longer found.
 *
 * <p>A scheduled source first runs at its first due time after its creation (an interval after it, or the next cron
 * time); changing the schedule counts from the change. A source never has two syncs at once: syncing one whose previous
 * sync is still queued or running is a 409.
 */
public final class Sources {
    /** The most sources one knowledgebase may have. */
    public static final int MAX_PER_KNOWLEDGEBASE = 100;
    /** How long a process may hold a source while it starts its sync before another may take it over. */
    public static final Duration HOLD = Duration.ofSeconds(60);

    private final SourceStore store;
    private final JobService jobs;
    private final Clock clock;
    private final String holder;

    /** @param holder this process's name in the holds it takes (unique per process) */
    public Sources(SourceStore store, JobService jobs, Clock clock, String holder) {
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
        this.holder = holder;
    }

    public SourceView create(String ownerId, Knowledgebase kb, NewSource definition) {
        if (store.count(kb.id()) >= MAX_PER_KNOWLEDGEBASE) {
            throw new ServiceException(
                    ErrorCode.CONFLICT,
                    "This knowledgebase already has " + MAX_PER_KNOWLEDGEBASE + " sources; delete one first",
                    Map.of("sources", "at most " + MAX_PER_KNOWLEDGEBASE + " per knowledgebase"));
        }
        Instant now = clock.instant();
        String id = Ids.next("src");
        Source source = new Source(
                id,
                ownerId,
                kb.projectId(),
                kb.id(),
                definition.name(),
                definition.spec().withSourceId(id),
                definition.urls(),
                definition.schedule(),
                definition.schedule().nextAfter(now),
                null,
                null,
                null,
                now,
                now);
        store.insert(source);
        return new SourceView(source, null);
    }

    /** The knowledgebase's sources, oldest first, each with its newest job. */
    public List<SourceView> list(Knowledgebase kb) {
        return store.list(kb.id()).stream().map(source -> view(kb, source)).toList();
    }

    public SourceView get(Knowledgebase kb, String sourceId) {
        return view(kb, find(kb, sourceId));
    }

    /**
     * Redefines the source as {@code change} says from its current state. A changed schedule counts from now; an
     * unchanged one keeps its next due time.
     */
    public SourceView update(Knowledgebase kb, String sourceId, Function<Source, NewSource> change) {
        Source before = find(kb, sourceId);
        NewSource definition = change.apply(before);
        Instant now = clock.instant();
        Instant next = definition.schedule().equals(before.schedule())
                ? before.nextRunAt()
                : definition.schedule().nextAfter(now);
        Source after = before.redefined(
                definition.name(),
                definition.spec().withSourceId(before.id()),
                definition.urls(),
                definition.schedule(),
                next,
                now);
        if (!store.update(after)) {
            throw ServiceException.notFound("Source");
        }
        return view(kb, after);
    }

    /** Deletes the source; its jobs and datasets stay (a later crawl of the same pages finds them). */
    public void delete(Knowledgebase kb, String sourceId) {
        if (!store.delete(kb.id(), sourceId)) {
            throw ServiceException.notFound("Source");
        }
    }

    /** Starts a sync of the source now; 409 when its previous sync has not finished (or one is being started). */
    public CrawlJob syncNow(String ownerId, Knowledgebase kb, String sourceId) {
        Source source = find(kb, sourceId);
        Instant now = clock.instant();
        if (!store.hold(source.id(), holder, now, now.plus(HOLD), null)) {
            throw busy(source, "a sync of it is being started");
        }
        try {
            CrawlJob running = unfinishedLastJob(kb, source);
            if (running != null) {
                throw busy(
                        source,
                        "its previous sync " + running.id() + " is still "
                                + running.status().wire());
            }
            return jobs.start(ownerId, kb, source.spec().withSourceId(source.id()), source.urls())
                    .job();
        } finally {
            store.release(source.id(), holder, null, null, null, null);
        }
    }

    /** The source's newest job when it has not finished yet, else null. */
    @Nullable
    CrawlJob unfinishedLastJob(Knowledgebase kb, Source source) {
        CrawlJob last = lastJob(kb, source);
        return last != null && !last.status().finished() ? last : null;
    }

    @Nullable
    CrawlJob lastJob(Knowledgebase kb, Source source) {
        String jobId = source.lastJobId();
        if (jobId == null) {
            return null;
        }
        try {
            return jobs.get(kb, jobId);
        } catch (ServiceException e) {
            // Deleted meanwhile (with its knowledgebase): as if the source had never run.
            return null;
        }
    }

    private SourceView view(Knowledgebase kb, Source source) {
        return new SourceView(source, lastJob(kb, source));
    }

    private Source find(Knowledgebase kb, String sourceId) {
        Optional<Source> found = store.find(kb.id(), sourceId);
        return found.orElseThrow(() -> ServiceException.notFound("Source"));
    }

    private static ServiceException busy(Source source, String why) {
        return new ServiceException(
                ErrorCode.CONFLICT,
                "Source " + source.id() + " cannot sync now: " + why + "; wait for it to finish, or cancel it",
                Map.of("source", why));
    }
}
