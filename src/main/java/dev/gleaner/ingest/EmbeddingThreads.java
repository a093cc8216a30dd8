package dev.gleaner.ingest;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool the in-process models run on: one thread per processor, shared by every model so that two models do not
 * oversubscribe the CPU. Its queue is bounded; when it is full the calling thread embeds the text itself, which slows
 * callers down instead of failing them.
 */
public final class EmbeddingThreads {
    /** Texts waiting for a thread, per thread; beyond it callers embed on their own thread. */
    static final int QUEUED_TEXTS_PER_THREAD = 256;

    private EmbeddingThreads() {}

    /** A new pool of daemon threads, one per available processor; shut it down when the models are no longer used. */
    public static ExecutorService sizedToProcessors() {
        return sized(Runtime.getRuntime().availableProcessors());
    }

    /** A new pool of {@code threads} daemon threads. */
    public static ExecutorService sized(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("an embedding pool needs at least one thread");
        }
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * QUEUED_TEXTS_PER_THREAD),
                runnable -> Thread.ofPlatform()
                        .name("gleaner-embedding-" + count.incrementAndGet())
                        .daemon()
                        .unstarted(runnable),
                new ThreadPoolExecutor.CallerRunsPolicy());
    }
}
