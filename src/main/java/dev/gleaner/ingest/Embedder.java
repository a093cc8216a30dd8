package dev.gleaner.ingest;

import java.util.List;

/**
 * Turns texts into unit-length vectors. Implementations are thread-safe and batch internally; the result has one
 * vector per input text, in order, each {@link #dimensions()} long.
 */
public interface Embedder {
    /** The name knowledgebases refer to this model by (e.g. {@code all-minilm-l6-v2}). */
    String modelName();

    int dimensions();

    List<float[]> embed(List<String> texts);
}
