package dev.gleaner.ingest;

import java.util.concurrent.ExecutorService;

/** The quantized all-MiniLM-L6-v2 model meets the contract of an in-process embedder. */
class MiniLmQuantizedEmbedderIT extends BundledEmbedderContract {
    @Override
    Embedder load(ExecutorService pool) {
        return new MiniLmQuantizedEmbedder(pool);
    }

    @Override
    String expectedName() {
        return "all-minilm-l6-v2-q";
    }
}
