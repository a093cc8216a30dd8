package dev.gleaner.index;

import dev.gleaner.Heartbeat;
import dev.gleaner.ingest.EmbeddedChunk;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this process's {@link SearchIndex} in step with the store by applying the {@link ChangeFeed} in order, on one
 * thread: for each changed dataset it compares the index's chunks (ids and enabled flags) with the stored ones and,
 * when they differ, replaces the dataset's documents with the stored chunks; a deleted knowledgebase leaves the index.
 * Applying a change reads the store as it is then, so applying one again, or late, or after a later change of the same
 * dataset, leaves the same result: the last application of a dataset's last change comes after that change's commit.
 * Changes this process made itself are usually in the index already (workers add chunks as they store them) and cost
 * only the comparison.
 *
 * <p>Opening it brings the index in step first ({@link IndexStart}: resume from the position the index's last commit
 * recorded, or rebuild). {@link #commit} commits the index and tells the store how far it got, which is what lets the
 * feed be pruned; it prunes too. Thread-safe.
 */
public final class IndexFollower implements AutoCloseable {
    /** Changes read from the feed at once. */
    public static final int BATCH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(IndexFollower.class);

    private final SearchIndex index;
    private final ChangeFeed feed;
    private final FollowerSettings settings;
    private final String processId;
    private final Clock clock;
    private final Heartbeat heartbeat;
    private final IndexStart start;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private final Condition wake = lock.newCondition();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong replaced = new AtomicLong();
    private final AtomicLong rebuilds = new AtomicLong();
    private volatile IndexLag lag;
    private volatile boolean wakeRequested;
    private final Thread thread;

    private IndexFollower(
            SearchIndex index,
            ChangeFeed feed,
            FollowerSettings settings,
            String processId,
            Clock clock,
            IndexStart start,
            long head) {
        this.index = index;
        this.feed = feed;
        this.settings = settings;
        this.processId = processId;
        this.clock = clock;
        this.start = start;
        this.heartbeat = Heartbeat.every("index follower", settings.pollInterval(), clock);
        // Replaced by the catch-up that opening ends with; the store's head was just read.
        this.lag = new IndexLag(index.position().orElse(0), head, Duration.ZERO);
        this.thread =
                Thread.ofPlatform().name("gleaner-index-follower").daemon().unstarted(this::run);
    }

    /**
     * Brings {@code index} in step with the store (resuming or rebuilding, see {@link IndexStart}) and returns a
     * follower that is not yet {@link #start started}.
     *
     * @param otherFormat whether the index holds documents of an older layout
     */
    public static IndexFollower open(
            SearchIndex index,
            boolean otherFormat,
            ChangeFeed feed,
            FollowerSettings settings,
            String processId,
            Clock clock) {
        long head = feed.head();
        IndexStart start = IndexStart.decide(otherFormat, index.position(), head, feed.prunedThrough());
        IndexFollower follower = new IndexFollower(index, feed, settings, processId, clock, start, head);
        if (start.rebuild()) {
            follower.rebuild(head);
            if (index.size() > 0) {
                // A first start on an empty store says nothing: there was nothing to rebuild.
                LOG.info("Rebuilt the search index from the store ({} chunks): {}", index.size(), start.reason());
            }
        }
        follower.catchUp();
        return follower;
    }

    /** Starts following the feed in the background. */
    public void start() {
        heartbeat.started();
        thread.start();
    }

    /** How this process's index was brought in step when it opened. */
    public IndexStart openedBy() {
        return start;
    }

    /** Changes applied since the process opened the index (rebuilds not counted). */
    public long appliedChanges() {
        return applied.get();
    }

    /** Datasets whose documents were replaced because they differed from the store. */
    public long replacedDatasets() {
        return replaced.get();
    }

    /** Rebuilds since the process opened the index, the one at opening included. */
    public long rebuilds() {
        return rebuilds.get();
    }

    public Heartbeat heartbeat() {
        return heartbeat;
    }

    /** How far behind the store the index was when the feed was last read. */
    public IndexLag lag() {
        return lag;
    }

    /** The last change the index applied. */
    public long position() {
        return index.position().orElse(0);
    }

    /** The newest change the store has committed, read now. */
    public long head() {
        return feed.head();
    }

    /**
     * Waits until the index has applied every change up to {@code position}, for at most the configured longest wait;
     * returns whether it has.
     */
    public boolean awaitPosition(long position) {
        return awaitPosition(position, settings.maxWait());
    }

    /** Waits until the index has applied every change up to {@code position}, for at most {@code max}. */
    public boolean awaitPosition(long position, Duration max) {
        if (position() >= position) {
            return true;
        }
        long deadline = System.nanoTime() + max.toNanos();
        lock.lock();
        try {
            requestWake();
            while (position() < position) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.get()) {
                    return false;
                }
                progressed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (at most the longest wait) until every change the store had committed when called is applied, so that what
     * this process just wrote is searchable here; returns that position.
     */
    public long awaitCurrent() {
        long head = feed.head();
        awaitPosition(head);
        return head;
    }

    /** Commits the index, records its position in the store for pruning, and prunes what every live follower applied. */
    public void commit() {
        long position = position();
        index.commit();
        feed.recordFollower(processId, position, clock.instant());
        OptionalLong slowest = feed.slowestFollower(clock.instant().minus(settings.followerTimeout()));
        if (slowest.isPresent()) {
            long through = slowest.getAsLong() - settings.keep();
            if (through > feed.prunedThrough()) {
                feed.prune(through);
            }
        }
    }

    private void run() {
        while (!closed.get()) {
            try {
                catchUp();
                heartbeat.round();
            } catch (RuntimeException e) {
                LOG.warn("Applying the store's chunk changes to the search index failed; trying again", e);
            }
            sleep();
        }
        heartbeat.stopped();
    }

    private void sleep() {
        lock.lock();
        try {
            if (!wakeRequested && !closed.get()) {
                wake.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.set(true);
        } finally {
            lock.unlock();
        }
    }

    private void requestWake() {
        wakeRequested = true;
        wake.signalAll();
    }

    /** Applies every change after the index's position, in batches; rebuilds if changes it needs were pruned. */
    synchronized void catchUp() {
        long from = position();
        long head = feed.head();
        while (true) {
            List<IndexChange> changes = feed.after(from, BATCH);
            if (changes.isEmpty()) {
                break;
            }
            if (changes.get(0).position() != from + 1) {
                LOG.warn(
                        "The store pruned changes {} to {} before this index applied them: rebuilding it",
                        from + 1,
                        changes.get(0).position() - 1);
                head = feed.head();
                rebuild(head);
                from = head;
                continue;
            }
            apply(changes);
            from = changes.get(changes.size() - 1).position();
            index.applied(from);
            signalProgress();
            if (changes.size() < BATCH) {
                break;
            }
        }
        head = Math.max(head, from);
        lag = new IndexLag(from, head, head > from ? feed.age(from) : Duration.ZERO);
    }

    /**
     * Applies a batch: each dataset once (applying reads the store as it is now, which includes every change read),
     * the datasets that differ replaced together (one refresh of the searcher for the batch), deleted knowledgebases
     * first (a dataset of one is then found without chunks, and its replacement removes nothing more).
     */
    private void apply(List<IndexChange> changes) {
        Set<String> datasets = new LinkedHashSet<>();
        Set<String> deletedKnowledgebases = new LinkedHashSet<>();
        for (IndexChange change : changes) {
            switch (change.kind()) {
                case DATASET -> datasets.add(Objects.requireNonNull(change.datasetId()));
                case KNOWLEDGEBASE_DELETED -> deletedKnowledgebases.add(change.knowledgebaseId());
            }
        }
        deletedKnowledgebases.forEach(index::deleteKnowledgebase);
        Map<String, List<EmbeddedChunk>> differing = new LinkedHashMap<>();
        for (String datasetId : datasets) {
            if (!feed.chunkStates(datasetId).equals(index.chunkStates(datasetId))) {
                differing.put(datasetId, feed.chunks(datasetId));
            }
        }
        index.replaceDatasets(differing);
        replaced.addAndGet(differing.size());
        applied.addAndGet(changes.size());
    }

    private void rebuild(long head) {
        index.rebuild(feed::forEachChunk, head);
        rebuilds.incrementAndGet();
        signalProgress();
    }

    private void signalProgress() {
        lock.lock();
        try {
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops following; the index itself is closed by its owner. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lock.lock();
        try {
            requestWake();
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread.isAlive()) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
