package dev.gleaner.events;

import dev.gleaner.Heartbeat;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of jobs, as seen in the store, fanned out to subscribers by knowledgebase. One feed per process polls
 * {@link JobStore#changedSince} (not one query per subscriber), so a change made by any code path, or by another process
 * sharing a PostgreSQL database, reaches every subscriber of that process.
 *
 * <p>A job's {@code updatedAt} is stamped before its transaction commits, so a change can become visible after the
 * feed has read past its time. Each poll therefore re-reads {@code commitSlack} behind the watermark (the latest
 * {@code updatedAt} seen, never ahead of this process's clock) and skips rows already seen, recognised by job id and
 * {@code updatedAt} (which moves forward with every change of a job). A change that commits more than
 * {@code commitSlack} after it was stamped is missed by live subscribers (a stream's snapshot still has it).
 *
 * <p>Listeners are called on the feed's thread and must not block.
 */
public final class JobFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobFeed.class);
    /** Rows read per query; a poll reads on from the last row until a batch is not full. */
    public static final int BATCH = 1_000;

    /** Told about every change of a job of the knowledgebase it subscribed to. Must return quickly. */
    @FunctionalInterface
    public interface Listener {
        void changed(CrawlJob job);
    }

    /** Ends a subscription; idempotent. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final JobStore store;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration slack;
    private final Heartbeat heartbeat;
    private final Map<String, CopyOnWriteArrayList<Listener>> listeners = new ConcurrentHashMap<>();
    /** The {@code updatedAt} of the latest change seen of each job changed within the slack window. */
    private final Map<String, Instant> seen = new HashMap<>();

    private @Nullable ScheduledExecutorService poller;
    private Instant watermark;

    public JobFeed(JobStore store, Clock clock, Duration pollInterval, Duration slack) {
        this.store = store;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.slack = slack;
        this.watermark = clock.instant();
        this.heartbeat = Heartbeat.every("job feed poller", pollInterval, clock);
    }

    /** The liveness of the polling thread. */
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    /** Starts polling on one daemon thread. */
    public synchronized void start() {
        if (poller != null) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("gleaner-job-feed").daemon().unstarted(r));
        heartbeat.started();
        // Failures end up in the heartbeat (guard), not in the future.
        var unused = executor.scheduleWithFixedDelay(
                heartbeat.guard(this::pollQuietly),
                pollInterval.toMillis(),
                pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        poller = executor;
    }

    /** Subscribes to the changes of the jobs of {@code knowledgebaseId} from now on. */
    public Subscription subscribe(String knowledgebaseId, Listener listener) {
        // Added inside compute, atomically with the map entry: a concurrent close that empties the list and drops
        // the entry cannot then leave this listener on a list no longer in the map.
        listeners.compute(knowledgebaseId, (k, list) -> {
            CopyOnWriteArrayList<Listener> subscribed = list == null ? new CopyOnWriteArrayList<>() : list;
            subscribed.add(listener);
            return subscribed;
        });
        return () -> listeners.computeIfPresent(knowledgebaseId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** The number of subscriptions open now. */
    public int subscribers() {
        return listeners.values().stream().mapToInt(List::size).sum();
    }

    /** The slack a resuming reader looks back by, for the same reason the feed re-reads it. */
    public Duration slack() {
        return slack;
    }

    /**
     * Reads the changes since the last poll and tells the subscribers. Called by the feed's thread once started; public
     * so that a caller driving the feed itself (a test with its own clock) can poll without it.
     */
    public synchronized void poll() {
        Instant now = clock.instant();
        Instant from = (watermark.isAfter(now) ? now : watermark).minus(slack);
        while (true) {
            List<CrawlJob> rows = store.changedSince(from, BATCH);
            for (CrawlJob job : rows) {
                Instant previous = seen.get(job.id());
                if (previous == null || job.updatedAt().isAfter(previous)) {
                    seen.put(job.id(), job.updatedAt());
                    dispatch(job);
                }
                if (job.updatedAt().isAfter(watermark)) {
                    watermark = job.updatedAt();
                }
            }
            if (rows.size() < BATCH || !rows.get(rows.size() - 1).updatedAt().isAfter(from)) {
                break;
            }
            from = rows.get(rows.size() - 1).updatedAt();
        }
        Instant forgetBefore = (watermark.isAfter(now) ? now : watermark).minus(slack);
        seen.values().removeIf(updatedAt -> updatedAt.isBefore(forgetBefore));
    }

    private void dispatch(CrawlJob job) {
        List<Listener> subscribed = listeners.get(job.knowledgebaseId());
        if (subscribed == null) {
            return;
        }
        for (Listener listener : subscribed) {
            try {
                listener.changed(job);
            } catch (RuntimeException e) {
                LOG.warn("A job feed listener failed on job {}", job.id(), e);
            }
        }
    }

    private void pollQuietly() {
        try {
            poll();
            heartbeat.round();
        } catch (RuntimeException e) {
            LOG.warn("Reading the changed jobs failed; retrying on the next poll", e);
        }
    }

    @Override
    public synchronized void close() {
        heartbeat.stopped();
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
