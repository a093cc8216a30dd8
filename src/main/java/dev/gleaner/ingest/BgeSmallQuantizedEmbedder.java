package dev.gleaner.ingest;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The int8-quantized BAAI bge-small-en-v1.5 model (384 dimensions, CLS pooling), run in-process from the model file
 * inside its jar: no network. Twelve layers where MiniLM has six; int8 weights keep it about as fast as MiniLM;
 * questions get the instruction the model was trained with ({@value #QUERY_INSTRUCTION}), passages none. Its vectors
 * are comparable with no other model's, so a knowledgebase keeps one model. Thread-safe.
 */
public final class BgeSmallQuantizedEmbedder implements Embedder {
    public static final String MODEL_NAME = "bge-small-en-v1.5-q";
    public static final int DIMENSIONS = 384;
    /** What bge models expect before a short question searched against passages. */
    public static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    /**
     * The median best similarity of off-topic questions to product documentation ({@code bin/bench similarity}): bge
     * rates almost any two English texts about 0.5 alike.
     */
    public static final double UNRELATED_SIMILARITY = 0.52;

    private final InProcessEmbedder model;

    /** Runs batches on {@code executor}, usually the process's {@link EmbeddingThreads} pool. */
    public BgeSmallQuantizedEmbedder(Executor executor) {
        this.model = new InProcessEmbedder(
                MODEL_NAME,
                DIMENSIONS,
                () -> new BgeSmallEnV15QuantizedEmbeddingModel(executor),
                "",
                QUERY_INSTRUCTION,
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
