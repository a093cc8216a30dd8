package dev.gleaner.ingest;

import java.util.concurrent.ExecutorService;

/** The bundled all-MiniLM-L6-v2 model meets the contract of an in-process embedder. */
class MiniLmEmbedderIT extends BundledEmbedderContract {
    @Override
    Embedder load(ExecutorService pool) {
        return new MiniLmEmbedder(pool);
    }

    @Override
    String expectedName() {
        return "all-minilm-l6-v2";
    }
}
