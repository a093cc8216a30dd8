package dev.gleaner.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A remote model behind an OpenAI-compatible embeddings API: texts are sent in batches of {@code batchSize} to
 * {@code POST {baseUrl}/embeddings}, answers are put back in input order (by their {@code index}) and made unit
 * length. Rate limits (429), server errors (5xx), timeouts and connection errors are retried with exponential backoff
 * (at least the {@code Retry-After} asked for, at most {@code maxRetryWait}) up to {@code maxAttempts}; anything else,
 * or the last failure, is an {@link EmbeddingException} whose message names the cause but never the key. The vector
 * length is the configured one or, when none is, the one of the first answer; an answer of another length is refused.
 * Thread-safe.
 */
public final class OpenAiEmbedder implements Embedder {
    /** The longest error text of the service repeated in a failure reason. */
    static final int MAX_REASON_CHARS = 200;
    /** The text embedded to learn the vector length when it is asked for before any other embedding. */
    private static final String PROBE_TEXT = "dimensions";

    private final OpenAiSettings settings;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger dimensions;

    public OpenAiEmbedder(OpenAiSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.dimensions = new AtomicInteger(settings.dimensions());
    }

    @Override
    public String modelName() {
        return settings.model();
    }

    /** The configured length, else the learnt one; asks the service once when neither is known yet. */
    @Override
    public int dimensions() {
        if (dimensions.get() == 0) {
            embed(List.of(PROBE_TEXT));
        }
        return dimensions.get();
    }

    /** The configured or learnt length; empty until the service has been asked, which this never does. */
    @Override
    public OptionalInt knownDimensions() {
        int known = dimensions.get();
        return known == 0 ? OptionalInt.empty() : OptionalInt.of(known);
    }

    /**
     * One unit-length vector per text, in order.
     *
     * @throws IllegalArgumentException when a text is blank
     * @throws EmbeddingException when the service cannot embed the texts
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        for (String text : texts) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("cannot embed a blank text");
            }
        }
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int start = 0; start < texts.size(); start += settings.batchSize()) {
            vectors.addAll(embedBatch(texts.subList(start, Math.min(texts.size(), start + settings.batchSize()))));
        }
        return vectors;
    }

    private List<float[]> embedBatch(List<String> batch) {
        HttpRequest request = request(batch);
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= settings.maxAttempts();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (last) {
                    throw failure("could not be reached (" + e.getClass().getSimpleName() + ")", attempt, true, e);
                }
                pause(backoff(attempt, null));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddingException("Embedding with " + settings.model() + " was interrupted", true, e);
            }
            int status = response.statusCode();
            byte[] body = readBody(response);
            if (status == 200) {
                return vectors(body, batch.size());
            }
            boolean retriable = status == 429 || status >= 500;
            if (!retriable) {
                throw refusal(status, body);
            }
            if (last) {
                throw failure("answered HTTP " + status, attempt, true, null);
            }
            pause(backoff(attempt, retryAfter(response)));
        }
    }

    private HttpRequest request(List<String> batch) {
        ObjectNode body = json.createObjectNode().put("model", settings.model());
        batch.forEach(body.putArray("input")::add);
        if (settings.dimensions() > 0) {
            body.put("dimensions", settings.dimensions());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (!settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        return request.build();
    }

    private byte[] readBody(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxResponseBytes() + 1));
            if (body.length > settings.maxResponseBytes()) {
                throw new EmbeddingException(
                        "The embedding service of " + settings.model() + " answered more than "
                                + settings.maxResponseBytes() + " bytes",
                        false);
            }
            return body;
        } catch (IOException e) {
            throw new EmbeddingException(
                    "The answer of the embedding service of " + settings.model() + " could not be read", true, e);
        }
    }

    private List<float[]> vectors(byte[] body, int expected) {
        JsonNode data;
        try {
            data = json.readTree(body).path("data");
        } catch (IOException e) {
            throw malformed("is not JSON");
        }
        if (!data.isArray() || data.size() != expected) {
            throw malformed("does not hold " + expected + " embeddings in data[]");
        }
        float[][] ordered = new float[expected][];
        for (int position = 0; position < expected; position++) {
            JsonNode item = data.get(position);
            int index = item.path("index").asInt(position);
            if (index < 0 || index >= expected || ordered[index] != null) {
                throw malformed("has a missing or repeated index " + index);
            }
            ordered[index] = UnitVectors.of(floats(item.path("embedding")));
        }
        return List.of(ordered);
    }

    private float[] floats(JsonNode embedding) {
        if (!embedding.isArray() || embedding.isEmpty()) {
            throw malformed("has an embedding that is not a list of numbers");
        }
        float[] vector = new float[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            JsonNode value = embedding.get(i);
            if (!value.isNumber()) {
                throw malformed("has an embedding that is not a list of numbers");
            }
            vector[i] = value.floatValue();
        }
        int known = dimensions.compareAndExchange(0, vector.length);
        if (known != 0 && known != vector.length) {
            throw malformed("has vectors of " + vector.length + " dimensions instead of " + known);
        }
        return vector;
    }

    private Duration backoff(int attempt, @Nullable Duration retryAfter) {
        Duration wait = settings.retryBackoff().multipliedBy(1L << Math.min(20, attempt - 1));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return wait.compareTo(settings.maxRetryWait()) > 0 ? settings.maxRetryWait() : wait;
    }

    private static @Nullable Duration retryAfter(HttpResponse<?> response) {
        try {
            return response.headers()
                    .firstValue("Retry-After")
                    .map(value -> Duration.ofSeconds(Long.parseLong(value.trim())))
                    .orElse(null);
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the own backoff applies
        }
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("Embedding with " + settings.model() + " was interrupted", true, e);
        }
    }

    private EmbeddingException refusal(int status, byte[] body) {
        String service = "The embedding service of " + settings.model();
        if (status == 401 || status == 403) {
            return new EmbeddingException(service + " refused the API key (HTTP " + status + ")", false);
        }
        String message = errorMessage(body);
        return new EmbeddingException(
                service + " refused the request (HTTP " + status + (message.isEmpty() ? ")" : "): " + message), false);
    }

    private String errorMessage(byte[] body) {
        try {
            String message = json.readTree(body).path("error").path("message").asText("");
            return message.length() > MAX_REASON_CHARS ? message.substring(0, MAX_REASON_CHARS) + "…" : message;
        } catch (IOException e) {
            return "";
        }
    }

    private EmbeddingException failure(String what, int attempts, boolean transientFailure, @Nullable Exception e) {
        String message = "The embedding service of " + settings.model() + " " + what + " (after " + attempts
                + (attempts == 1 ? " attempt)" : " attempts)");
        return e == null
                ? new EmbeddingException(message, transientFailure)
                : new EmbeddingException(message, transientFailure, e);
    }

    private EmbeddingException malformed(String what) {
        return new EmbeddingException("The answer of the embedding service of " + settings.model() + " " + what, false);
    }
}
