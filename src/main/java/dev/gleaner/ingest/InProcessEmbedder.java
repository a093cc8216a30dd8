package dev.gleaner.ingest;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX sentence model run in-process: texts are handed to the model in batches of {@link #BATCH_SIZE}, which the
 * model spreads over its executor (one task per text), and every vector is made unit length. Thread-safe.
 */
final class InProcessEmbedder implements Embedder {
    /** Texts handed to the model at once; bounds the tasks one call queues on the shared executor. */
    static final int BATCH_SIZE = 64;

    private final String modelName;
    private final int dimensions;
    private final AbstractInProcessEmbeddingModel model;

    InProcessEmbedder(String modelName, int dimensions, AbstractInProcessEmbeddingModel model) {
        this.modelName = modelName;
        this.dimensions = dimensions;
        this.model = model;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    /** @throws IllegalArgumentException when a text is blank (it has no meaning to embed) */
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
                vectors.add(UnitVectors.of(embedding.vector()));
            }
        }
        return vectors;
    }
}
