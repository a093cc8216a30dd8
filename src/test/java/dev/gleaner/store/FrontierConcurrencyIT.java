package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.SkipReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several threads on several pools of one database (as several worker processes would be) claim and complete at the
 * same time; the store must still hand each URL to one worker only and keep every counter exact.
 */
class FrontierConcurrencyIT extends DatabaseTest {
    static final int PROCESSES = 3;
    static final int THREADS_PER_PROCESS = 4;
    static final long DEADLINE_SECONDS = 120;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void eachUrlIsHandedToExactlyOneOfManyConcurrentClaimers(Dialect dialect) throws Exception {
        List<Stores> processes = processes(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(processes.get(0));
        List<FoundUrl> seeds = new ArrayList<>();
        for (int host = 0; host < 6; host++) {
            seeds.addAll(Fixtures.urls("h" + host + ".test", 50));
        }
        Fixtures.created(processes.get(0), kb, 1_000, seeds);
        Queue<Lease> claimed = new ConcurrentLinkedQueue<>();

        runOnEveryThread(processes, (stores, worker) -> {
            List<Lease> leases;
            do {
                leases = stores.frontier().claim(worker, 7, T0, Fixtures.policy(1_000, 3));
                claimed.addAll(leases);
            } while (!leases.isEmpty());
        });

        assertThat(claimed).hasSize(300);
        assertThat(claimed.stream().map(Lease::urlKey).distinct()).hasSize(300);
        assertThat(claimed).allSatisfy(lease -> assertThat(lease.attempt()).isEqualTo(1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void concurrentClaimersTogetherKeepThePerHostLimit(Dialect dialect) throws Exception {
        List<Stores> processes = processes(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(processes.get(0));
        List<FoundUrl> seeds = new ArrayList<>();
        for (int host = 0; host < 3; host++) {
            seeds.addAll(Fixtures.urls("h" + host + ".test", 20));
        }
        Fixtures.created(processes.get(0), kb, 1_000, seeds);
        Queue<Lease> claimed = new ConcurrentLinkedQueue<>();

        runOnEveryThread(processes, (stores, worker) -> {
            for (int round = 0; round < 5; round++) {
                claimed.addAll(stores.frontier().claim(worker, 2, T0, Fixtures.policy(3, 3)));
            }
        });

        Map<String, Long> perHost = claimed.stream()
                .collect(Collectors.groupingBy(lease -> lease.urlKey().split("/", -1)[0], Collectors.counting()));
        assertThat(perHost).isEqualTo(Map.of("h0.test", 3L, "h1.test", 3L, "h2.test", 3L));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void linkAdmissionNeverOvershootsTheLimitUnderConcurrentCompletes(Dialect dialect) throws Exception {
        List<Stores> processes = processes(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(processes.get(0));
        CrawlJob job = Fixtures.created(processes.get(0), kb, 120, Fixtures.urls("h0.test", 10));

        int lost = crawl(processes, job);

        Stores stores = processes.get(0);
        CrawlJob end = stores.jobs().find(kb.id(), job.id()).orElseThrow();
        assertThat(lost).isZero();
        assertThat(end.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(end.total()).isEqualTo(120);
        assertThat(end.limitReached()).isTrue();
        assertThat(end.done() + end.failed()).isEqualTo(end.total());
        assertThat(Fixtures.states(stores.database(), job.id()))
                .doesNotContainKeys("pending", "leased")
                .containsEntry("done", end.done())
                .containsEntry("failed", end.failed());
        Map<String, Long> outcomes = Fixtures.outcomes(stores.database(), job.id());
        assertThat(outcomes.getOrDefault("overLimit", 0L))
                .isEqualTo(end.skipped().overLimit())
                .isPositive();
        assertThat(outcomes.getOrDefault("outOfScope", 0L))
                .isEqualTo(end.skipped().outOfScope());
        assertThat(outcomes.getOrDefault("ingested", 0L)).isEqualTo(end.done());
        assertThat(Fixtures.rows(stores.database(), "datasets")).isEqualTo(end.done());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aReaderPollingTheJobAlwaysSeesConsistentCountersWhileWritersComplete(Dialect dialect) throws Exception {
        List<Stores> processes = processes(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(processes.get(0));
        CrawlJob job = Fixtures.created(processes.get(0), kb, 150, Fixtures.urls("h0.test", 10));
        Stores readerProcess = Stores.on(databases.sibling(processes.get(0).database()));
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService readerThread = Executors.newSingleThreadExecutor();
        try {
            Future<?> reader = readerThread.submit(() -> {
                CrawlJob previous = job;
                while (!previous.status().finished()) {
                    CrawlJob current =
                            readerProcess.jobs().find(kb.id(), job.id()).orElseThrow();
                    violations.addAll(violations(previous, current));
                    reads.incrementAndGet();
                    previous = current;
                }
            });

            crawl(processes, job);
            reader.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } finally {
            readerThread.shutdownNow();
        }

        assertThat(violations).isEmpty();
        assertThat(reads.get()).isGreaterThan(1);
    }

    /** What a reader must never see between two consecutive reads of one job. */
    private static List<String> violations(CrawlJob previous, CrawlJob current) {
        List<String> violations = new ArrayList<>();
        String seen = current.toString();
        if (current.done() < 0 || current.failed() < 0 || current.done() + current.failed() > current.total()) {
            violations.add("done + failed outside [0, total]: " + seen);
        }
        if (current.total() > current.spec().limit()) {
            violations.add("total beyond the limit: " + seen);
        }
        if (current.total() < previous.total()
                || current.done() < previous.done()
                || current.failed() < previous.failed()) {
            violations.add("a counter shrank: " + previous + " then " + seen);
        }
        if (current.updatedAt().isBefore(previous.updatedAt())) {
            violations.add("updatedAt went back: " + seen);
        }
        if (!current.equals(previous) && !current.updatedAt().isAfter(previous.updatedAt())) {
            violations.add("changed without moving updatedAt: " + previous + " then " + seen);
        }
        if (current.status() == JobStatus.COMPLETED && current.done() + current.failed() != current.total()) {
            violations.add("completed with URLs left: " + seen);
        }
        if (current.status().finished() != (current.finishedAt() != null)
                || (current.finishedAt() != null && !current.finishedAt().equals(current.updatedAt()))) {
            violations.add("finishedAt does not match the status: " + seen);
        }
        return violations;
    }

    /**
     * Workers on every thread claim and complete until the job finishes: most pages are ingested with links (many
     * shared between pages, one out of scope), some fail, some are retried until their third attempt. Returns how many
     * completions were refused (none should be: no lease expires). Time advances by a millisecond per call.
     */
    private int crawl(List<Stores> processes, CrawlJob job) throws Exception {
        AtomicLong clock = new AtomicLong();
        AtomicInteger refused = new AtomicInteger();
        ReentrantLock lock = new ReentrantLock();
        Condition progress = lock.newCondition();
        runOnEveryThread(processes, (stores, worker) -> {
            while (true) {
                List<Lease> leases = stores.frontier()
                        .claim(worker, 3, T0.plusMillis(clock.incrementAndGet()), Fixtures.policy(1_000, 3));
                if (leases.isEmpty()) {
                    if (stores.jobs()
                            .find(job.knowledgebaseId(), job.id())
                            .orElseThrow()
                            .status()
                            .finished()) {
                        return;
                    }
                    awaitProgress(lock, progress);
                    continue;
                }
                for (Lease lease : leases) {
                    Instant now = T0.plusMillis(clock.incrementAndGet());
                    if (!stores.frontier().complete(lease, resultFor(lease, now), now)) {
                        refused.incrementAndGet();
                    }
                }
                signalProgress(lock, progress);
            }
        });
        return refused.get();
    }

    private static PageResult resultFor(Lease lease, Instant now) {
        int roll = Math.floorMod(lease.urlKey().hashCode(), 100);
        if (roll < 15) {
            return new PageResult.Failed(PageOutcome.FAILED, "HTTP 404 at " + lease.url(), 404);
        }
        if (roll < 30) {
            return lease.attempt() < 3
                    ? new PageResult.Retry("HTTP 503", 503, now)
                    : new PageResult.Failed(PageOutcome.FAILED, "HTTP 503, three times", 503);
        }
        List<FoundUrl> links = new ArrayList<>();
        int seed = Math.floorMod(lease.urlKey().hashCode(), 10_000);
        for (int i = 0; i < 6; i++) {
            int n = Math.floorMod(seed * 31 + i * 97, 400);
            links.add(Fixtures.url("h" + (n % 5) + ".test", "/n" + n));
        }
        links.add(Fixtures.skipped("elsewhere.test", "/" + (seed % 50), SkipReason.OUT_OF_SCOPE));
        return Fixtures.ingested(lease, 1, links, now);
    }

    @SuppressWarnings("WaitNotInLoop") // a bounded pause: the caller's loop re-checks its own condition
    private static void awaitProgress(ReentrantLock lock, Condition progress) throws InterruptedException {
        lock.lock();
        try {
            progress.await(20, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    private static void signalProgress(ReentrantLock lock, Condition progress) {
        lock.lock();
        try {
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One set of stores per simulated process, each on its own pool of the same new database. */
    private List<Stores> processes(Dialect dialect) {
        Database first = databases.fresh(dialect);
        List<Stores> processes = new ArrayList<>();
        processes.add(Stores.on(first));
        for (int i = 1; i < PROCESSES; i++) {
            processes.add(Stores.on(databases.sibling(first)));
        }
        return processes;
    }

    /** What one worker thread does, given its process's stores and its worker id. */
    @FunctionalInterface
    interface WorkerBody {
        void run(Stores stores, String workerId) throws Exception;
    }

    /** Runs {@code body} on {@link #THREADS_PER_PROCESS} threads of every process at once; rethrows any failure. */
    private static void runOnEveryThread(List<Stores> processes, WorkerBody body) throws Exception {
        int threads = processes.size() * THREADS_PER_PROCESS;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Stores stores = processes.get(i % processes.size());
                String workerId = "worker-" + i;
                workers.add(() -> {
                    body.run(stores, workerId);
                    return null;
                });
            }
            List<Future<Void>> futures = new ArrayList<>();
            workers.forEach(worker -> futures.add(pool.submit(worker)));
            for (Future<Void> future : futures) {
                future.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
