package dev.gleaner.ingest;

import java.util.List;
import java.util.OptionalInt;

/**
 * Turns texts into unit-length vectors. Implementations are thread-safe and batch internally; the result has one
 * vector per input text, in order, each {@link #dimensions()} long.
 *
 * <p>Passages (the chunks searched) and questions are embedded by different methods because some models were trained
 * with a different prefix for each side (e5: {@code "passage: "} / {@code "query: "}; bge: an instruction before the
 * question only), and lose much of their quality without it. For a symmetric model both are the same.
 */
public interface Embedder {
    /** The name knowledgebases refer to this model by (e.g. {@code all-minilm-l6-v2}). */
    String modelName();

    int dimensions();

    /**
     * The vector length when it is known without embedding anything (a bundled model's, a configured one, or one
     * learnt from an earlier call), else empty; never calls a remote service.
     */
    default OptionalInt knownDimensions() {
        return OptionalInt.of(dimensions());
    }

    /** The vectors of passages (chunk texts) to be searched, one per text, in order. */
    List<float[]> embed(List<String> texts);

    /**
     * The cosine similarity of a question and a passage about unrelated things, as this model measures it: about the
     * best similarity the model gives a question its passages cannot answer (0 for a model whose unrelated texts are
     * orthogonal). Models differ widely here — bge and e5 rate almost any two English texts above 0.5 — so the query
     * route measures similarity from this floor to 1 to give every model's scores the same meaning.
     */
    default double unrelatedSimilarity() {
        return 0;
    }

    /** The vector of a search question, comparable with the vectors {@link #embed} gives passages. */
    default float[] embedQuery(String question) {
        return embed(List.of(question)).getFirst();
    }
}
