package dev.gleaner.ingest;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The bundled all-MiniLM-L6-v2 sentence model (384 dimensions), run in-process from the model file inside its jar: no
 * network. Texts longer than the model's 512-token window are embedded in windows and averaged. Loading (on first use) takes about a
 * second and some 100 MB of memory, so a process makes one. Thread-safe.
 */
public final class MiniLmEmbedder implements Embedder {
    public static final String MODEL_NAME = "all-minilm-l6-v2";
    public static final int DIMENSIONS = 384;
    /** Texts handed to the model at once; the model spreads a batch over its executor's threads. */
    public static final int BATCH_SIZE = InProcessEmbedder.BATCH_SIZE;

    /**
     * The median best similarity of off-topic questions to product documentation ({@code bin/bench similarity}):
     * MiniLM's unrelated texts are not orthogonal either.
     */
    public static final double UNRELATED_SIMILARITY = 0.15;

    private final InProcessEmbedder model;

    /** Runs batches on a pool with one thread per processor. */
    public MiniLmEmbedder() {
        this(null);
    }

    /** Runs batches on {@code executor} (see {@link EmbeddingThreads}); null for a pool of its own. */
    public MiniLmEmbedder(@Nullable Executor executor) {
        this.model = new InProcessEmbedder(
                MODEL_NAME,
                DIMENSIONS,
                () -> executor == null ? new AllMiniLmL6V2EmbeddingModel() : new AllMiniLmL6V2EmbeddingModel(executor));
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
