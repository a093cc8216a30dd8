package dev.gleaner.metrics;

import dev.gleaner.ingest.Embedder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.OptionalInt;

/**
 * An {@link Embedder} that counts the passages it embeds ({@code gleaner_embedding_chunks_total}, whose rate is chunks
 * per second) and times each call ({@code gleaner_embedding_duration_seconds}: a batch of passages, or one question),
 * labelled with the model's name. A call that throws is timed too.
 */
final class MeteredEmbedder implements Embedder {
    static final String CHUNKS = "gleaner.embedding.chunks";
    static final String DURATION = "gleaner.embedding.duration";

    private final Embedder embedder;
    private final Counter chunks;
    private final Timer passages;
    private final Timer questions;

    MeteredEmbedder(Embedder embedder, MeterRegistry registry) {
        this.embedder = embedder;
        String model = embedder.modelName();
        this.chunks = Counter.builder(CHUNKS)
                .description("Passages (chunks) embedded, by model")
                .tag("model", model)
                .register(registry);
        this.passages = timer(registry, model, "passages");
        this.questions = timer(registry, model, "query");
    }

    private static Timer timer(MeterRegistry registry, String model, String kind) {
        return Timer.builder(DURATION)
                .description("Time of one embedding call, by model and kind (a batch of passages, or a query)")
                .tags("model", model, "kind", kind)
                .serviceLevelObjectives(Buckets.SLOW)
                .register(registry);
    }

    @Override
    public String modelName() {
        return embedder.modelName();
    }

    @Override
    public int dimensions() {
        return embedder.dimensions();
    }

    @Override
    public OptionalInt knownDimensions() {
        return embedder.knownDimensions();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = passages.record(() -> embedder.embed(texts));
        chunks.increment(texts.size());
        return vectors;
    }

    @Override
    public double unrelatedSimilarity() {
        return embedder.unrelatedSimilarity();
    }

    @Override
    public float[] embedQuery(String question) {
        return questions.record(() -> embedder.embedQuery(question));
    }
}
