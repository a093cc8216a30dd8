package dev.gleaner.cli;

import dev.gleaner.config.EmbeddingConfig;
import dev.gleaner.ingest.BundledModels;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.OpenAiEmbedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The remote embedding model's options: an OpenAI-compatible model offered besides the bundled ones when
 * {@code --openai-model} names one. Defaults: {@link SettingDefaults}.
 */
final class EmbeddingOptions {
    @Option(
            names = "--openai-base-url",
            description = "Root of an OpenAI-compatible API; embeddings are POSTed to {base}/embeddings.")
    @SuppressWarnings("NullAway.Init")
    String baseUrl;

    @Option(
            names = "--openai-api-key",
            description = "Bearer key of the OpenAI-compatible API (prefer the environment variable).")
    @Nullable
    String apiKey;

    @Option(
            names = "--openai-model",
            description = "Remote embedding model to offer, e.g. text-embedding-3-small (none: not offered).")
    @Nullable
    String model;

    @Option(
            names = "--openai-dimensions",
            description = "Vector length asked of the remote model (0: the model's own).")
    int dimensions;

    @Option(names = "--openai-batch-size", description = "Most texts sent to the remote model in one request.")
    int batchSize;

    @Option(names = "--openai-timeout-seconds", description = "Longest wait for one answer of the remote model.")
    long timeoutSeconds;

    @Option(
            names = "--openai-max-attempts",
            description = "Attempts per request to the remote model on 429, 5xx and timeouts.")
    int maxAttempts;

    EmbeddingConfig config() {
        String named = model;
        return new EmbeddingConfig(
                named == null || named.isBlank() ? null : named.trim(),
                baseUrl,
                apiKey,
                dimensions,
                batchSize,
                Duration.ofSeconds(timeoutSeconds),
                maxAttempts);
    }

    /** The models of {@code embedding}, the default first; the in-process ones run on {@code executor}. */
    static List<Embedder> embedders(EmbeddingConfig embedding, Executor executor) {
        List<Embedder> embedders = new ArrayList<>(BundledModels.all(executor));
        FeatureSettings.openAi(embedding).ifPresent(settings -> embedders.add(new OpenAiEmbedder(settings)));
        return embedders;
    }
}
