package dev.gleaner.sources;

import dev.gleaner.Heartbeat;
import dev.gleaner.ServiceException;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the syncs of due sources, in every process that runs workers. Every {@link #POLL} it reads the sources due at
 * the injected clock's time and, for each, takes its hold for that due time ({@link SourceStore#hold}): of all the
 * processes sharing the store exactly one gets it, and it moves the next due time on when it releases the hold, so a
 * due time runs once. The due time is stored, so a restart goes on where the last process stopped; a due time passed
 * while no process ran runs once at the next poll, and the next one is the first due time after that.
 *
 * <p>A source whose previous sync is still queued or running is not synced again: that due time is recorded as
 * skipped (with the running job's id) and the source waits for its next due time. A process that stopped between
 * starting a sync and moving the due time on leaves its hold to expire ({@link Sources#HOLD}); the process that takes
 * it over sees that the newest job of the source started at or after the due time and only moves the due time on.
 *
 * <p>A poll that fails (the database unreachable, say) is retried after {@link #POLL}, then after twice the last wait
 * each time it fails again, at most {@link #MAX_RETRY_WAIT}, on the injected clock; the first poll that works resets
 * the wait. A failure streak is logged once at WARN, each further failure at DEBUG, and its end once at INFO.
 */
public final class SourceScheduler implements AutoCloseable {
    /** How often due sources are looked for. */
    public static final Duration POLL = Duration.ofSeconds(1);
    /** The longest wait between polls while they keep failing. */
    public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(60);
    /** The most due sources taken in one poll; the rest are taken by the next polls. */
    static final int BATCH = 20;

    private static final Logger LOG = LoggerFactory.getLogger(SourceScheduler.class);

    private final SourceStore store;
    private final Sources sources;
    private final JobService jobs;
    private final Catalog catalog;
    private final Clock clock;
    private final String holder;
    private final Heartbeat heartbeat;
    private final PollBackoff backoff = new PollBackoff(POLL, MAX_RETRY_WAIT);
    private @Nullable ScheduledExecutorService timer;

    public SourceScheduler(
            SourceStore store, Sources sources, JobService jobs, Catalog catalog, Clock clock, String holder) {
        this.store = store;
        this.sources = sources;
        this.jobs = jobs;
        this.catalog = catalog;
        this.clock = clock;
        this.holder = holder;
        this.heartbeat = Heartbeat.every("source scheduler", POLL, clock);
    }

    public Heartbeat heartbeat() {
        return heartbeat;
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("source-scheduler").daemon().factory());
        heartbeat.started();
        started.scheduleWithFixedDelay(heartbeat.guard(this::poll), 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        timer = started;
    }

    /**
     * One round: runs the sources due now; how many syncs it started. While polls keep failing it does nothing until
     * the current retry wait has passed on the clock. Called by one thread at a time (the scheduler's timer).
     */
    public int poll() {
        Instant now = clock.instant();
        if (!backoff.due(now)) {
            return 0;
        }
        int started = 0;
        try {
            List<Source> due = store.due(now, BATCH);
            for (Source source : due) {
                Instant dueAt = source.nextRunAt();
                if (dueAt != null && run(source, dueAt)) {
                    started++;
                }
            }
        } catch (RuntimeException e) {
            // A later poll tries again: a database briefly unavailable must not stop the schedules.
            failed(e);
            return started;
        }
        PollBackoff.Streak ended = backoff.succeeded(clock.instant());
        if (ended != null) {
            LOG.info(
                    "Looking for due sources works again, after {} failed attempt{} over {}",
                    ended.failures(),
                    ended.failures() == 1 ? "" : "s",
                    ended.lasted());
        }
        heartbeat.round();
        return started;
    }

    private void failed(RuntimeException e) {
        PollBackoff.Streak streak = backoff.failed(clock.instant());
        if (streak.started()) {
            LOG.warn(
                    "Looking for due sources failed; trying again in {}, then less often (up to every {}) while it"
                            + " keeps failing; check that the database is reachable",
                    streak.nextIn(),
                    MAX_RETRY_WAIT,
                    e);
        } else {
            LOG.debug(
                    "Looking for due sources failed again ({} in a row over {}); trying again in {}",
                    streak.failures(),
                    streak.lasted(),
                    streak.nextIn(),
                    e);
        }
    }

    /** Runs the source for its due time {@code due} if this process gets its hold; whether it started a sync. */
    private boolean run(Source listed, Instant due) {
        Instant now = clock.instant();
        if (!store.hold(listed.id(), holder, now, now.plus(Sources.HOLD), due)) {
            return false;
        }
        Instant skippedAt = null;
        String skipReason = null;
        boolean started = false;
        boolean advance = true;
        try {
            Optional<Source> current = store.find(listed.knowledgebaseId(), listed.id());
            if (current.isEmpty()) {
                return false;
            }
            Source source = current.get();
            Knowledgebase kb = catalog.knowledgebase(source.ownerId(), source.projectId(), source.knowledgebaseId());
            CrawlJob last = sources.lastJob(kb, source);
            if (last != null && !last.startedAt().isBefore(due)) {
                // Already synced for this due time (a process stopped before moving it on, or a manual sync).
                return false;
            }
            if (last != null && !last.status().finished()) {
                skippedAt = now;
                skipReason = "the previous sync " + last.id() + " was still "
                        + last.status().wire();
                LOG.info(
                        "Source {} was due at {} but {}; skipped until its next due time",
                        source.id(),
                        due,
                        skipReason);
                return false;
            }
            CrawlJob job = jobs.start(source.ownerId(), kb, source.spec().withSourceId(source.id()), source.urls())
                    .job();
            LOG.info("Source {} due at {}: started sync {}", source.id(), due, job.id());
            started = true;
            return true;
        } catch (ServiceException e) {
            // Refused (quota, too many unfinished jobs, knowledgebase gone): this due time passes without a sync.
            skippedAt = now;
            skipReason = e.getMessage();
            LOG.info("Source {} was due at {} but could not sync: {}", listed.id(), due, skipReason);
            return false;
        } catch (RuntimeException e) {
            // Unexpected (the database, say): the due time stays, and a later poll tries it again.
            advance = false;
            throw e;
        } finally {
            Instant next = advance ? listed.schedule().nextAfterRun(due, now) : null;
            if (!store.release(listed.id(), holder, advance ? due : null, next, skippedAt, skipReason) && started) {
                LOG.warn("Source {}: the hold expired while its sync was being started", listed.id());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
            heartbeat.stopped();
        }
    }
}
