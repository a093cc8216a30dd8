package dev.gleaner.ingest;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The BAAI bge-small-en-v1.5 model (384 dimensions, CLS pooling), run in-process from the model file
 * inside its jar: no network. Twelve layers where MiniLM has six, so it ranks passages better at some cost in speed;
 * questions get the instruction the model was trained with ({@value #QUERY_INSTRUCTION}), passages none. Its vectors
 * are comparable with no other model's, so a knowledgebase keeps one model. Thread-safe.
 */
public final class BgeSmallEmbedder implements Embedder {
    public static final String MODEL_NAME = "bge-small-en-v1.5";
    public static final int DIMENSIONS = 384;
    /** What bge models expect before a short question searched against passages. */
    public static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    /**
     * bge rates unrelated English texts at about 0.45–0.55 (off-topic questions against product documentation,
     * {@code bin/bench similarity}); measured from here its similarities spread as all-MiniLM-L6-v2's do from 0.
     */
    public static final double UNRELATED_SIMILARITY = 0.43;

    private final InProcessEmbedder model;

    /** Runs batches on {@code executor}, usually the process's {@link EmbeddingThreads} pool. */
    public BgeSmallEmbedder(Executor executor) {
        this.model = new InProcessEmbedder(
                MODEL_NAME,
                DIMENSIONS,
                () -> new BgeSmallEnV15EmbeddingModel(executor),
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
