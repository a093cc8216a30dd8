package dev.gleaner.ingest;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach an OpenAI-compatible embedding service ({@code POST {baseUrl}/embeddings}).
 *
 * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1}
 * @param apiKey sent as {@code Authorization: Bearer …}; blank for services that need none
 * @param model the service's model name, which is also the name knowledgebases refer to it by
 * @param dimensions the vector length asked for (sent as {@code dimensions}); 0 to take the model's own, learnt from
 *     its first answer
 * @param batchSize the most texts sent in one request
 * @param connectTimeout the longest wait for a connection
 * @param requestTimeout the longest wait for one request's answer
 * @param maxAttempts attempts per request on 429, 5xx, timeouts and connection errors
 * @param retryBackoff the wait before the first retry, doubled on each further one
 * @param maxRetryWait the longest wait before a retry, whatever {@code Retry-After} asks for
 * @param maxResponseBytes the largest answer read
 */
public record OpenAiSettings(
        URI baseUrl,
        String apiKey,
        String model,
        int dimensions,
        int batchSize,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration retryBackoff,
        Duration maxRetryWait,
        long maxResponseBytes) {
    // The rest is configured (the --openai-… flags of serve).
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    public OpenAiSettings {
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the OpenAI base URL must be an http(s) URL: " + baseUrl);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("the OpenAI model name must not be blank");
        }
        if (dimensions < 0 || batchSize < 1 || maxAttempts < 1 || maxResponseBytes < 1) {
            throw new IllegalArgumentException(
                    "OpenAI settings need dimensions >= 0, batch size, attempts and response bytes >= 1");
        }
    }

    /** The configurable settings given, the defaults for the connection, the backoff and the answer's size. */
    public static OpenAiSettings of(
            URI baseUrl,
            String apiKey,
            String model,
            int dimensions,
            int batchSize,
            Duration requestTimeout,
            int maxAttempts) {
        return new OpenAiSettings(
                baseUrl,
                apiKey,
                model,
                dimensions,
                batchSize,
                DEFAULT_CONNECT_TIMEOUT,
                requestTimeout,
                maxAttempts,
                DEFAULT_RETRY_BACKOFF,
                DEFAULT_MAX_RETRY_WAIT,
                DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** These settings with other batching and retry limits. */
    public OpenAiSettings withLimits(int batchSize, int maxAttempts, Duration retryBackoff, Duration maxRetryWait) {
        return new OpenAiSettings(
                baseUrl,
                apiKey,
                model,
                dimensions,
                batchSize,
                connectTimeout,
                requestTimeout,
                maxAttempts,
                retryBackoff,
                maxRetryWait,
                maxResponseBytes);
    }

    /** The embeddings endpoint under {@link #baseUrl}. */
    URI endpoint() {
        String root = baseUrl.toString();
        return URI.create((root.endsWith("/") ? root : root + "/") + "embeddings");
    }

    @Override
    public String toString() {
        // The key stays out of logs and error messages.
        return "OpenAiSettings[baseUrl=" + baseUrl + ", model=" + model + ", dimensions=" + dimensions + "]";
    }
}
