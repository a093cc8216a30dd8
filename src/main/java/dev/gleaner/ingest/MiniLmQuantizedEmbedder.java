package dev.gleaner.ingest;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The int8-quantized all-MiniLM-L6-v2 model (384 dimensions), run in-process from the model file inside its jar: no
 * network. About a quarter of the full model's size and faster on a CPU, at a small cost in quality; its vectors are
 * not comparable with the full model's, so a knowledgebase keeps one model. Thread-safe.
 */
public final class MiniLmQuantizedEmbedder implements Embedder {
    public static final String MODEL_NAME = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;

    /**
     * The median best similarity of off-topic questions to product documentation ({@code bin/bench similarity}):
     * MiniLM's unrelated texts are not orthogonal either.
     */
    public static final double UNRELATED_SIMILARITY = 0.15;

    private final InProcessEmbedder model;

    /** Runs batches on {@code executor}, usually the process's {@link EmbeddingThreads} pool. */
    public MiniLmQuantizedEmbedder(Executor executor) {
        this.model =
                new InProcessEmbedder(MODEL_NAME, DIMENSIONS, () -> new AllMiniLmL6V2QuantizedEmbeddingModel(executor));
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

    /**
     * One unit-length vector per text, in order.
     *
     * @throws IllegalArgumentException when a text is blank (it has no meaning to embed)
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        return model.embed(texts);
    }
}
