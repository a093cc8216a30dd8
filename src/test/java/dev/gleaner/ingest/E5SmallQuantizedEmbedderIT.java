package dev.gleaner.ingest;

import java.util.concurrent.ExecutorService;

/** The bundled intfloat e5-small-v2 int8 model meets the contract of an in-process embedder. */
class E5SmallQuantizedEmbedderIT extends BundledEmbedderContract {
    @Override
    Embedder load(ExecutorService pool) {
        return new E5SmallQuantizedEmbedder(pool);
    }

    @Override
    String expectedName() {
        return "e5-small-v2-q";
    }
}
