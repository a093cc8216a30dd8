package dev.gleaner.ingest;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The embedding models shipped inside the jar and run in-process, each loaded on first use. {@link #DEFAULT} is the
 * model of a knowledgebase created without one; a knowledgebase keeps the model it was created with, so changing the
 * default never touches existing knowledgebases.
 */
public final class BundledModels {
    /**
     * The model of new knowledgebases: the best ranking quality over both evaluation sets ({@code bin/bench eval})
     * among the bundled models that embed at least 60 % as fast as all-MiniLM-L6-v2. bge-small and e5-small (int8)
     * are as fast but not better on both sets.
     */
    public static final String DEFAULT = MiniLmEmbedder.MODEL_NAME;

    private BundledModels() {}

    /** Every bundled model, {@link #DEFAULT} first, running its batches on {@code executor}. */
    public static List<Embedder> all(Executor executor) {
        List<Embedder> models = List.of(
                new MiniLmEmbedder(executor),
                new MiniLmQuantizedEmbedder(executor),
                new BgeSmallQuantizedEmbedder(executor),
                new E5SmallQuantizedEmbedder(executor));
        return models.stream()
                .sorted(Comparator.comparing(
                        (Embedder model) -> !model.modelName().equals(DEFAULT)))
                .toList();
    }
}
