package dev.gleaner.pipeline;

import dev.gleaner.Heartbeat;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.jobs.Frontier;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.SeedingLease;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's crawl workers. One dispatcher thread claims seeding tasks and URLs from the shared {@link Frontier}
 * while worker slots are free, and each claimed item is processed on its own virtual thread. Whatever happens while
 * processing, the lease ends in {@link Frontier#complete}; the leases of pages in progress are renewed every third of
 * their duration, so if the process dies, its URLs are taken over by any process within about one lease duration.
 * Idle dispatchers wake when a job starts here, or every {@code pollInterval} for work queued by other processes.
 */
public final class CrawlWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlWorkers.class);

    private final Frontier frontier;
    private final PageProcessor processor;
    private final SitemapSeeder seeder;
    private final PageIndexCleanup cleanup;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Semaphore slots;
    private final ExecutorService pages = Executors.newVirtualThreadPerTaskExecutor();
    private final java.util.Set<Lease> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("gleaner-lease-renewer").daemon().unstarted(r));
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong lostLeases = new AtomicLong();
    private boolean woken;
    private volatile boolean running;
    /** Set by {@link #start}, read by {@link #close} on whichever thread stops the workers. */
    private volatile @org.jspecify.annotations.Nullable Thread dispatcher;

    private final Heartbeat dispatching;
    private final Heartbeat renewing;

    /**
     * Brings the index entries of a page's dataset in line with SQL once its result is recorded, or refused (lease
     * lost): the chunks an update replaced, or new chunks that were not stored, leave the index.
     */
    @FunctionalInterface
    public interface PageIndexCleanup {
        /** Removes from the index those of {@code chunkIds} that SQL does not hold for the dataset. */
        void removeStale(String datasetId, Collection<String> chunkIds);
    }

    public CrawlWorkers(
            Frontier frontier,
            PageProcessor processor,
            SitemapSeeder seeder,
            PageIndexCleanup cleanup,
            WorkerSettings settings,
            Clock clock) {
        this.frontier = frontier;
        this.processor = processor;
        this.seeder = seeder;
        this.cleanup = cleanup;
        this.settings = settings;
        this.clock = clock;
        this.slots = new Semaphore(settings.workers());
        this.dispatching = Heartbeat.every("crawl dispatcher", settings.pollInterval(), clock);
        this.renewing = Heartbeat.every("lease renewer", renewalInterval(settings), clock);
    }

    /** The liveness of the dispatcher (and the page workers it starts) and of the lease renewer. */
    public List<Heartbeat> heartbeats() {
        return List.of(dispatching, renewing);
    }

    private static java.time.Duration renewalInterval(WorkerSettings settings) {
        return java.time.Duration.ofMillis(Math.max(1, settings.leaseDuration().toMillis() / 3));
    }

    public void start() {
        running = true;
        dispatching.started();
        renewing.started();
        Thread thread = Thread.ofPlatform()
                .name("gleaner-dispatcher")
                .daemon()
                .uncaughtExceptionHandler((t, e) -> dispatching.died(e))
                .start(this::dispatch);
        dispatcher = thread;
        long every = renewalInterval(settings).toMillis();
        // Failures end up in the heartbeat (guard), not in the future.
        var unused =
                renewer.scheduleWithFixedDelay(renewing.guard(this::renewLeases), every, every, TimeUnit.MILLISECONDS);
    }

    /** Tells an idle dispatcher that new work may be claimable now. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Pages processed by this process so far (for metrics). */
    public long processed() {
        return processed.get();
    }

    /** Results discarded because their lease had been lost (job cancelled or deleted, or lease expired). */
    public long lostLeases() {
        return lostLeases.get();
    }

    /** URLs being processed right now. */
    public int busy() {
        return settings.workers() - slots.availablePermits();
    }

    private void dispatch() {
        while (running) {
            try {
                int seeding = claimSeeding();
                int free = slots.availablePermits();
                List<Lease> leases = free == 0
                        ? List.of()
                        : frontier.claim(settings.workerId(), free, clock.instant(), settings.claimPolicy());
                for (Lease lease : leases) {
                    slots.acquireUninterruptibly();
                    inFlight.add(lease);
                    pages.execute(() -> work(lease));
                }
                dispatching.round();
                if ((leases.isEmpty() && seeding == 0) || slots.availablePermits() == 0) {
                    awaitSignal();
                }
            } catch (RuntimeException e) {
                // A database hiccup must not end the dispatcher; back off and try again.
                LOG.warn("Claiming work failed; retrying", e);
                awaitSignal();
            }
        }
    }

    private int claimSeeding() {
        if (slots.availablePermits() == 0) {
            return 0;
        }
        List<SeedingLease> tasks =
                frontier.claimSeeding(settings.workerId(), 1, clock.instant(), seedingLease(settings));
        for (SeedingLease task : tasks) {
            slots.acquireUninterruptibly();
            pages.execute(() -> seed(task));
        }
        return tasks.size();
    }

    /** Reading sitemaps may take longer than one page, and its lease is not renewed. */
    private static java.time.Duration seedingLease(WorkerSettings settings) {
        java.time.Duration floor = java.time.Duration.ofMinutes(5);
        return settings.leaseDuration().compareTo(floor) > 0 ? settings.leaseDuration() : floor;
    }

    private void seed(SeedingLease task) {
        try {
            if (!seeder.seed(task)) {
                lostLeases.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // Leave the task's lease to expire: it is tried again.
            LOG.error("Reading the sitemaps of job {} failed", task.jobId(), e);
        } finally {
            slots.release();
            wake();
        }
    }

    private void renewLeases() {
        java.time.Instant until = clock.instant().plus(settings.leaseDuration());
        for (Lease lease : inFlight) {
            try {
                frontier.renew(lease, until);
            } catch (RuntimeException e) {
                LOG.warn("Renewing the lease of {} failed; it is renewed again shortly", lease.url(), e);
            }
        }
        renewing.round();
    }

    private void work(Lease lease) {
        try {
            PageResult result = process(lease);
            boolean recorded = frontier.complete(lease, result, clock.instant());
            if (!recorded) {
                lostLeases.incrementAndGet();
            }
            removeStaleChunks(result);
            processed.incrementAndGet();
        } catch (RuntimeException e) {
            // Leave the lease to expire: another attempt will be made, up to maxAttempts.
            LOG.error("Recording the result of {} failed", lease.url(), e);
        } catch (VirtualMachineError e) {
            dispatching.fatal(e);
            throw e;
        } finally {
            inFlight.remove(lease);
            slots.release();
            wake();
        }
    }

    /**
     * After the result is recorded SQL holds either the page's new chunks or the ones it had: whichever it does not
     * hold leave the index (queries confirm every hit against SQL, so until then they see one set or the other).
     */
    private void removeStaleChunks(PageResult result) {
        switch (result) {
            case PageResult.Ingested ingested ->
                cleanup.removeStale(ingested.dataset().id(), ids(ingested.chunks()));
            case PageResult.Updated updated -> {
                List<String> candidates = new ArrayList<>(updated.replacedChunkIds());
                candidates.addAll(ids(updated.chunks()));
                cleanup.removeStale(updated.dataset().id(), candidates);
            }
            default -> {}
        }
    }

    private static List<String> ids(List<EmbeddedChunk> chunks) {
        return chunks.stream().map(chunk -> chunk.chunk().id()).toList();
    }

    private PageResult process(Lease lease) {
        try {
            return processor.process(lease);
        } catch (RuntimeException e) {
            LOG.error("Processing {} failed unexpectedly", lease.url(), e);
            return new PageResult.Failed(PageOutcome.FAILED, "Internal error while processing the page", null);
        }
    }

    private void awaitSignal() {
        lock.lock();
        try {
            long left = settings.pollInterval().toNanos();
            while (!woken && running && left > 0) {
                left = signal.awaitNanos(left);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops claiming, and waits a little for pages in flight; unfinished leases expire and are taken over later. */
    @Override
    public void close() {
        running = false;
        dispatching.stopped();
        renewing.stopped();
        wake();
        renewer.shutdownNow();
        Thread thread = dispatcher;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pages.shutdown();
        try {
            if (!pages.awaitTermination(10, TimeUnit.SECONDS)) {
                pages.shutdownNow();
            }
        } catch (InterruptedException e) {
            pages.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
