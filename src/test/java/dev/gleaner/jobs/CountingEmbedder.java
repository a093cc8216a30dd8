package dev.gleaner.jobs;

import dev.gleaner.ingest.Embedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A test's embedder, counting the texts it is asked to embed (queries included). */
final class CountingEmbedder implements Embedder {
    private final Embedder embedder;
    private final AtomicLong texts = new AtomicLong();

    CountingEmbedder(Embedder embedder) {
        this.embedder = embedder;
    }

    long texts() {
        return texts.get();
    }

    @Override
    public String modelName() {
        return embedder.modelName();
    }

    @Override
    public int dimensions() {
        return embedder.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        this.texts.addAndGet(texts.size());
        return embedder.embed(texts);
    }
}
