package dev.gleaner.config;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The remote embedding model offered besides the bundled ones ({@link EmbeddingSetting}); none when {@code model} is
 * null.
 *
 * @param model the OpenAI-compatible service's model name, or null for no remote model
 * @param baseUrl the API root; embeddings are POSTed to {@code {baseUrl}/embeddings}
 * @param apiKey the bearer key, or null for services that need none
 * @param dimensions the vector length asked for; 0 for the model's own
 * @param batchSize the most texts sent in one request
 * @param requestTimeout the longest wait for one answer
 * @param maxAttempts attempts per request on 429, 5xx, timeouts and connection errors
 */
public record EmbeddingConfig(
        @Nullable String model,
        String baseUrl,
        @Nullable String apiKey,
        int dimensions,
        int batchSize,
        Duration requestTimeout,
        int maxAttempts) {

    /** The table's defaults: no remote model. */
    public static EmbeddingConfig defaults() {
        return new EmbeddingConfig(
                null,
                EmbeddingSetting.OPENAI_BASE_URL.required(),
                null,
                EmbeddingSetting.OPENAI_DIMENSIONS.defaultInt(),
                EmbeddingSetting.OPENAI_BATCH_SIZE.defaultInt(),
                Duration.ofSeconds(EmbeddingSetting.OPENAI_TIMEOUT_SECONDS.defaultLong()),
                EmbeddingSetting.OPENAI_MAX_ATTEMPTS.defaultInt());
    }

    void check(Problems problems) {
        problems.require(isHttpUrl(baseUrl), "--openai-base-url must be an http(s) URL, was " + baseUrl);
        problems.inRange(EmbeddingSetting.OPENAI_DIMENSIONS, dimensions);
        problems.inRange(EmbeddingSetting.OPENAI_BATCH_SIZE, batchSize);
        problems.inRange(EmbeddingSetting.OPENAI_TIMEOUT_SECONDS, requestTimeout, TimeUnit.SECONDS);
        problems.inRange(EmbeddingSetting.OPENAI_MAX_ATTEMPTS, maxAttempts);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            return ("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
