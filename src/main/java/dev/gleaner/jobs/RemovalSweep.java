package dev.gleaner.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the datasets syncs marked removed once the grace period has passed since the mark, every {@link #INTERVAL}
 * in each worker process. Idempotent across processes ({@link MarkedDatasets#deleteMarkedBefore}). With no grace
 * period syncs delete at once and there is nothing to sweep, so it does not run.
 */
public final class RemovalSweep implements AutoCloseable {
    /** How often a worker process looks for datasets whose grace period is over. */
    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(RemovalSweep.class);
    private static final int BATCH = 100;

    private final MarkedDatasets marked;
    private final Duration grace;
    private final Clock clock;
    private @Nullable ScheduledExecutorService timer;

    public RemovalSweep(MarkedDatasets marked, Duration grace, Clock clock) {
        this.marked = marked;
        this.grace = grace;
        this.clock = clock;
    }

    /** Starts sweeping every {@link #INTERVAL}, when there is a grace period. */
    public synchronized void start() {
        if (timer != null || !grace.isPositive()) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("removal-sweep").daemon().factory());
        started.scheduleWithFixedDelay(this::sweepLogged, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        timer = started;
    }

    /** Deletes every dataset whose grace period is over now; returns how many. */
    public long sweep() {
        long deleted = 0;
        int batch;
        do {
            batch = marked.deleteMarkedBefore(clock.instant().minus(grace), BATCH);
            deleted += batch;
        } while (batch == BATCH);
        return deleted;
    }

    private void sweepLogged() {
        try {
            long deleted = sweep();
            if (deleted > 0) {
                LOG.info("Deleted {} dataset(s) whose removal grace period of {} was over", deleted, grace);
            }
        } catch (RuntimeException e) {
            // The next run tries again: a database that is briefly unavailable must not stop the sweep.
            LOG.warn("Sweeping removed datasets failed; retrying in {}", INTERVAL, e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
