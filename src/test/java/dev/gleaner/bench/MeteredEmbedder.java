package dev.gleaner.bench;

import dev.gleaner.ingest.Embedder;
import java.util.List;

/**
 * An embedder that counts the texts it embeds and the wall-clock time during which at least one call was in progress,
 * so that concurrent calls (the crawl workers embed pages in parallel) are not counted twice: texts per busy second is
 * the rate the model sustained while the pipeline was using it.
 */
final class MeteredEmbedder implements Embedder {
    /** Texts embedded and busy seconds, as of one moment. */
    record Rate(long texts, double busySeconds) {
        double perSecond() {
            return busySeconds == 0 ? 0 : texts / busySeconds;
        }
    }

    private final Embedder model;
    private long texts;
    private int inProgress;
    private long busySince;
    private long busyNanos;

    MeteredEmbedder(Embedder model) {
        this.model = model;
    }

    @Override
    public String modelName() {
        return model.modelName();
    }

    @Override
    public int dimensions() {
        return model.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> batch) {
        begin();
        try {
            List<float[]> vectors = model.embed(batch);
            counted(batch.size());
            return vectors;
        } finally {
            end();
        }
    }

    synchronized Rate rate() {
        long busy = busyNanos + (inProgress > 0 ? System.nanoTime() - busySince : 0);
        return new Rate(texts, busy / 1e9);
    }

    private synchronized void begin() {
        if (inProgress++ == 0) {
            busySince = System.nanoTime();
        }
    }

    private synchronized void counted(int batchSize) {
        texts += batchSize;
    }

    private synchronized void end() {
        if (--inProgress == 0) {
            busyNanos += System.nanoTime() - busySince;
        }
    }
}
