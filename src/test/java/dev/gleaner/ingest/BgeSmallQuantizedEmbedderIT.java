package dev.gleaner.ingest;

import java.util.concurrent.ExecutorService;

/** The bundled BAAI bge-small-en-v1.5 int8 model meets the contract of an in-process embedder. */
class BgeSmallQuantizedEmbedderIT extends BundledEmbedderContract {
    @Override
    Embedder load(ExecutorService pool) {
        return new BgeSmallQuantizedEmbedder(pool);
    }

    @Override
    String expectedName() {
        return "bge-small-en-v1.5-q";
    }
}
