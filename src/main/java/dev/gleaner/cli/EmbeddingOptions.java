package dev.gleaner.cli;

import dev.gleaner.ingest.BundledModels;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.OpenAiEmbedder;
import dev.gleaner.ingest.OpenAiSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The embedding models a process offers: the bundled in-process models ({@link BundledModels}, its default first), and
 * an OpenAI-compatible remote model when {@code --openai-model} names one.
 */
final class EmbeddingOptions {
    @Option(
            names = "--openai-base-url",
            defaultValue = "${env:GLEANER_OPENAI_BASE_URL:-https://api.openai.com/v1}",
            description = "Root of an OpenAI-compatible API; embeddings are POSTed to {base}/embeddings.")
    @SuppressWarnings("NullAway.Init")
    String openAiBaseUrl;

    @Option(
            names = "--openai-api-key",
            defaultValue = "${env:GLEANER_OPENAI_API_KEY}",
            description = "Bearer key of the OpenAI-compatible API (prefer the environment variable).")
    @Nullable
    String openAiApiKey;

    @Option(
            names = "--openai-model",
            defaultValue = "${env:GLEANER_OPENAI_MODEL}",
            description = "Remote embedding model to offer, e.g. text-embedding-3-small (none: not offered).")
    @Nullable
    String openAiModel;

    @Option(
            names = "--openai-dimensions",
            defaultValue = "${env:GLEANER_OPENAI_DIMENSIONS:-0}",
            description = "Vector length asked of the remote model (0: the model's own).")
    int openAiDimensions;

    @Option(
            names = "--openai-batch-size",
            defaultValue = "${env:GLEANER_OPENAI_BATCH_SIZE:-64}",
            description = "Most texts sent to the remote model in one request.")
    int openAiBatchSize;

    @Option(
            names = "--openai-timeout-seconds",
            defaultValue = "${env:GLEANER_OPENAI_TIMEOUT_SECONDS:-60}",
            description = "Longest wait for one answer of the remote model.")
    long openAiTimeoutSeconds;

    @Option(
            names = "--openai-max-attempts",
            defaultValue = "${env:GLEANER_OPENAI_MAX_ATTEMPTS:-4}",
            description = "Attempts per request to the remote model on 429, 5xx and timeouts.")
    int openAiMaxAttempts;

    /** The models, the default first; the in-process ones run on {@code executor}. */
    List<Embedder> embedders(Executor executor) {
        List<Embedder> embedders = new ArrayList<>(BundledModels.all(executor));
        openAi().ifPresent(settings -> embedders.add(new OpenAiEmbedder(settings)));
        return embedders;
    }

    Optional<OpenAiSettings> openAi() {
        String model = openAiModel;
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        OpenAiSettings defaults = OpenAiSettings.of(
                URI.create(openAiBaseUrl.trim()),
                openAiApiKey == null ? "" : openAiApiKey.trim(),
                model.trim(),
                openAiDimensions);
        return Optional.of(new OpenAiSettings(
                defaults.baseUrl(),
                defaults.apiKey(),
                defaults.model(),
                defaults.dimensions(),
                openAiBatchSize,
                defaults.connectTimeout(),
                Duration.ofSeconds(openAiTimeoutSeconds),
                openAiMaxAttempts,
                defaults.retryBackoff(),
                defaults.maxRetryWait(),
                defaults.maxResponseBytes()));
    }
}
