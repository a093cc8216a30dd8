package dev.gleaner.ingest;

import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The int8-quantized intfloat e5-small-v2 model (384 dimensions, mean pooling), run in-process from the model file
 * inside its jar: no network. Passages are embedded as {@code "passage: …"} and questions as {@code "query: …"}, the
 * prefixes the model was trained with. Its vectors are comparable with no other model's, so a knowledgebase keeps one
 * model. Thread-safe.
 */
public final class E5SmallQuantizedEmbedder implements Embedder {
    public static final String MODEL_NAME = "e5-small-v2-q";
    public static final int DIMENSIONS = 384;

    /**
     * The median best similarity of off-topic questions to product documentation ({@code bin/bench similarity}): e5
     * rates almost any two English texts about 0.8 alike.
     */
    public static final double UNRELATED_SIMILARITY = 0.79;

    private final InProcessEmbedder model;

    /** Runs batches on {@code executor}, usually the process's {@link EmbeddingThreads} pool. */
    public E5SmallQuantizedEmbedder(Executor executor) {
        this.model = new InProcessEmbedder(
                MODEL_NAME,
                DIMENSIONS,
                () -> new E5SmallV2QuantizedEmbeddingModel(executor),
                "passage: ",
                "query: ",
                UNRELATED_SIMILARITY);
    }

    @Override
    public String modelName() {
        return MODEL_NAME;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public double unrelatedSimilarity() {
        return UNRELATED_SIMILARITY;
    }

    /** @throws IllegalArgumentException when a text is blank (it has no meaning to embed) */
    @Override
    public List<float[]> embed(List<String> texts) {
        return model.embed(texts);
    }

    /** @throws IllegalArgumentException when the question is blank */
    @Override
    public float[] embedQuery(String question) {
        return model.embedQuery(question);
    }
}
