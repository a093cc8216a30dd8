package dev.gleaner.ingest;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The bundled all-MiniLM-L6-v2 sentence model (384 dimensions), run in-process from the model file inside its jar: no
 * network. Texts longer than the model's 512-token window are embedded in windows and averaged. Loading takes about a
 * second and some 100 MB of memory, so a process makes one. Thread-safe.
 */
public final class MiniLmEmbedder implements Embedder {
    public static final String MODEL_NAME = "all-minilm-l6-v2";
    public static final int DIMENSIONS = 384;
    /** Texts handed to the model at once; the model spreads a batch over its executor's threads. */
    public static final int BATCH_SIZE = 64;

    private final AllMiniLmL6V2EmbeddingModel model;

    /** Runs batches on a pool with one thread per processor. */
    public MiniLmEmbedder() {
        this(null);
    }

    /** Runs batches on {@code executor}; null for a pool with one thread per processor. */
    public MiniLmEmbedder(@Nullable Executor executor) {
        this.model = executor == null ? new AllMiniLmL6V2EmbeddingModel() : new AllMiniLmL6V2EmbeddingModel(executor);
    }

    @Override
    public String modelName() {
        return MODEL_NAME;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    /**
     * One unit-length vector per text, in order.
     *
     * @throws IllegalArgumentException when a text is blank (it has no meaning to embed)
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("cannot embed a blank text");
            }
            segments.add(TextSegment.from(text));
        }
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int start = 0; start < segments.size(); start += BATCH_SIZE) {
            List<TextSegment> batch = segments.subList(start, Math.min(segments.size(), start + BATCH_SIZE));
            for (Embedding embedding : model.embedAll(batch).content()) {
                vectors.add(unitLength(embedding.vector()));
            }
        }
        return vectors;
    }

    private static float[] unitLength(float[] vector) {
        double sumOfSquares = 0;
        for (float value : vector) {
            sumOfSquares += value * value;
        }
        float norm = (float) Math.sqrt(sumOfSquares);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = norm == 0 ? 0 : vector[i] / norm;
        }
        return unit;
    }
}
