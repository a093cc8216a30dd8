package dev.gleaner.ingest;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An ONNX sentence model run in-process: texts are handed to the model in batches of {@link #BATCH_SIZE}, which the
 * model spreads over its executor (one task per text), and every vector is made unit length. Passages and questions
 * get the prefix the model was trained with for their side (none for a symmetric model). The model is loaded on first
 * use (a second or more and 50–150 MB of memory each), so a process offering several pays only for those its
 * knowledgebases use. Thread-safe.
 */
final class InProcessEmbedder implements Embedder {
    /** Texts handed to the model at once; bounds the tasks one call queues on the shared executor. */
    static final int BATCH_SIZE = 64;

    private final String modelName;
    private final int dimensions;
    private final Supplier<AbstractInProcessEmbeddingModel> loader;
    private volatile @Nullable AbstractInProcessEmbeddingModel model;
    private final String passagePrefix;
    private final String queryPrefix;
    private final double unrelatedSimilarity;

    InProcessEmbedder(String modelName, int dimensions, Supplier<AbstractInProcessEmbeddingModel> loader) {
        this(modelName, dimensions, loader, "", "", 0);
    }

    /** {@code loader} makes the model; it is called once, on first use. */
    InProcessEmbedder(
            String modelName,
            int dimensions,
            Supplier<AbstractInProcessEmbeddingModel> loader,
            String passagePrefix,
            String queryPrefix,
            double unrelatedSimilarity) {
        this.modelName = modelName;
        this.dimensions = dimensions;
        this.loader = loader;
        this.passagePrefix = passagePrefix;
        this.queryPrefix = queryPrefix;
        this.unrelatedSimilarity = unrelatedSimilarity;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public double unrelatedSimilarity() {
        return unrelatedSimilarity;
    }

    /** @throws IllegalArgumentException when a text is blank (it has no meaning to embed) */
    @Override
    public List<float[]> embed(List<String> texts) {
        return embed(texts, passagePrefix);
    }

    /** @throws IllegalArgumentException when the question is blank */
    @Override
    public float[] embedQuery(String question) {
        return embed(List.of(question), queryPrefix).getFirst();
    }

    private List<float[]> embed(List<String> texts, String prefix) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("cannot embed a blank text");
            }
            segments.add(TextSegment.from(prefix + text));
        }
        AbstractInProcessEmbeddingModel loaded = model();
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int start = 0; start < segments.size(); start += BATCH_SIZE) {
            List<TextSegment> batch = segments.subList(start, Math.min(segments.size(), start + BATCH_SIZE));
            for (Embedding embedding : loaded.embedAll(batch).content()) {
                vectors.add(UnitVectors.of(embedding.vector()));
            }
        }
        return vectors;
    }

    private AbstractInProcessEmbeddingModel model() {
        AbstractInProcessEmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = loader.get();
                    model = loaded;
                }
            }
        }
        return loaded;
    }
}
