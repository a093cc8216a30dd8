package dev.gleaner.jobs;

import java.time.Clock;
import java.time.Duration;
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
 * This process's crawl workers. One dispatcher thread claims URLs from the shared {@link Frontier} while worker slots
 * are free, and each claimed URL is processed on its own virtual thread. Whatever happens while processing, the lease
 * ends in {@link Frontier#complete}; if the process dies instead, the lease expires and any process takes the URL over.
 * Idle dispatchers wake when a job starts here, or every {@code pollInterval} for work queued by other processes.
 */
public final class CrawlWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlWorkers.class);

    private final Frontier frontier;
    private final PageProcessor processor;
    private final PageIndexCleanup cleanup;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Semaphore slots;
    private final ClaimPolicy claimPolicy;
    private final ExecutorService pages = Executors.newVirtualThreadPerTaskExecutor();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong lostLeases = new AtomicLong();
    private boolean woken;
    private volatile boolean running;
    private @org.jspecify.annotations.Nullable Thread dispatcher;

    /** Removes the index entries of a page whose result could not be recorded (its lease was lost). */
    @FunctionalInterface
    public interface PageIndexCleanup {
        void removeDataset(String datasetId);
    }

    public CrawlWorkers(
            Frontier frontier,
            PageProcessor processor,
            PageIndexCleanup cleanup,
            WorkerSettings settings,
            Clock clock) {
        this.frontier = frontier;
        this.processor = processor;
        this.cleanup = cleanup;
        this.settings = settings;
        this.clock = clock;
        this.slots = new Semaphore(settings.workers());
        this.claimPolicy = new ClaimPolicy(
                settings.leaseDuration(), settings.perHostConcurrency(), settings.maxAttempts(), Duration.ZERO);
    }

    public void start() {
        running = true;
        Thread thread = Thread.ofPlatform().name("gleaner-dispatcher").daemon().start(this::dispatch);
        dispatcher = thread;
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
                endSeedingTasks();
                int free = slots.availablePermits();
                List<Lease> leases =
                        free == 0 ? List.of() : frontier.claim(settings.workerId(), free, clock.instant(), claimPolicy);
                for (Lease lease : leases) {
                    slots.acquireUninterruptibly();
                    pages.execute(() -> work(lease));
                }
                if (leases.isEmpty() || slots.availablePermits() == 0) {
                    awaitSignal();
                }
            } catch (RuntimeException e) {
                // A database hiccup must not end the dispatcher; back off and try again.
                LOG.warn("Claiming work failed; retrying", e);
                awaitSignal();
            }
        }
    }

    /**
     * Stop-gap until sitemap discovery is wired in: ends every claimable seeding task at once without a URL, so that a
     * job asking for sitemaps runs on its seeds alone instead of waiting for a seeding nobody does.
     */
    private void endSeedingTasks() {
        for (SeedingLease task : frontier.claimSeeding(
                settings.workerId(), settings.workers(), clock.instant(), settings.leaseDuration())) {
            frontier.seeded(task, List.of(), null, clock.instant());
        }
    }

    private void work(Lease lease) {
        try {
            PageResult result = process(lease);
            boolean recorded = frontier.complete(lease, result, clock.instant());
            if (!recorded) {
                lostLeases.incrementAndGet();
                if (result instanceof PageResult.Ingested ingested) {
                    cleanup.removeDataset(ingested.dataset().id());
                }
            }
            processed.incrementAndGet();
        } catch (RuntimeException e) {
            // Leave the lease to expire: another attempt will be made, up to maxAttempts.
            LOG.error("Recording the result of {} failed", lease.url(), e);
        } finally {
            slots.release();
            wake();
        }
    }

    private PageResult process(Lease lease) {
        try {
            return processor.process(lease);
        } catch (RuntimeException e) {
            LOG.error("Processing {} failed unexpectedly", lease.url(), e);
            return new PageResult.Failed("failed", "Internal error while processing the page", null);
        }
    }

    private void awaitSignal() {
        lock.lock();
        try {
            if (!woken && running) {
                signal.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
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
        wake();
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
