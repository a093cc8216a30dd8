package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenAiEmbedder} against a fake OpenAI-compatible server on 127.0.0.1. The server embeds "text N" as the
 * vector (N, N + 1, 0) (any other text as if N were its length), not unit length, and lists the answers in reverse order with their {@code index}; statuses put
 * in {@link #failures} are answered first, one per request.
 */
class OpenAiEmbedderIT {
    private static final String KEY = "sk-test-secret";
    private static final String MODEL = "text-embedding-3-small";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Received(@Nullable String authorization, JsonNode body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> failures = new ConcurrentLinkedQueue<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(TestSite.ADDRESS, 0), 0);
        server.createContext("/v1/embeddings", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
        Integer failure = failures.poll();
        if (failure != null) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            send(exchange, failure, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}");
            return;
        }
        ArrayNode data = JSON.createArrayNode();
        JsonNode input = body.path("input");
        for (int i = input.size() - 1; i >= 0; i--) {
            String text = input.get(i).asText();
            int n = text.startsWith("text ") ? Integer.parseInt(text.substring("text ".length())) : text.length();
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            item.putArray("embedding").add(n).add(n + 1).add(0);
        }
        ObjectNode answer = JSON.createObjectNode().put("object", "list").put("model", MODEL);
        answer.set("data", data);
        send(exchange, 200, answer.toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private OpenAiEmbedder embedder(int dimensions, int batchSize, int maxAttempts) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        return new OpenAiEmbedder(
                OpenAiSettings.of(base, KEY, MODEL, dimensions, batchSize, Duration.ofSeconds(60), maxAttempts)
                        .withLimits(batchSize, maxAttempts, Duration.ofMillis(1), Duration.ofMillis(20)));
    }

    private static List<String> texts(int count) {
        List<String> texts = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            texts.add("text " + n);
        }
        return texts;
    }

    @Test
    void sendsTheTextsInBatchesOfTheConfiguredSizeWithTheBearerKeyAndModel() {
        embedder(0, 2, 1).embed(texts(5));

        assertThat(received).extracting(r -> r.body().path("input").size()).containsExactly(2, 2, 1);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(r.body().path("model").asText()).isEqualTo(MODEL);
        });
        assertThat(received.get(2).body().path("input").get(0).asText()).isEqualTo("text 5");
    }

    @Test
    void vectorsComeBackInInputOrderWithUnitLength() {
        List<float[]> vectors = embedder(0, 3, 1).embed(texts(7));

        assertThat(vectors).hasSize(7);
        for (int i = 0; i < vectors.size(); i++) {
            int n = i + 1;
            double norm = Math.sqrt((double) n * n + (double) (n + 1) * (n + 1));
            float[] vector = vectors.get(i);
            assertThat(vector[0]).as("text %d", n).isCloseTo((float) (n / norm), within(1e-6f));
            assertThat(vector[1]).as("text %d", n).isCloseTo((float) ((n + 1) / norm), within(1e-6f));
            assertThat(vector[2]).isZero();
        }
    }

    @Test
    void learnsTheDimensionsFromTheFirstAnswerWhenNoneAreConfigured() {
        OpenAiEmbedder embedder = embedder(0, 8, 1);

        assertThat(embedder.dimensions()).isEqualTo(3);
        assertThat(embedder.modelName()).isEqualTo(MODEL);
        assertThat(received).singleElement().satisfies(r -> assertThat(r.body().has("dimensions"))
                .isFalse());
    }

    @Test
    void knownDimensionsAreTheConfiguredOrLearntOnesAndNeverAskTheService() {
        OpenAiEmbedder unconfigured = embedder(0, 8, 1);
        OpenAiEmbedder configured = embedder(1536, 8, 1);

        assertThat(unconfigured.knownDimensions()).isEmpty();
        assertThat(configured.knownDimensions()).hasValue(1536);
        assertThat(received).isEmpty();
        unconfigured.embed(List.of("tides"));
        assertThat(unconfigured.knownDimensions()).hasValue(3);
    }

    @Test
    void asksForConfiguredDimensionsAndRefusesAnswersOfAnotherLength() {
        OpenAiEmbedder embedder = embedder(1536, 8, 1);

        EmbeddingException failure =
                catchThrowableOfType(EmbeddingException.class, () -> embedder.embed(List.of("text 1")));

        assertThat(received.getFirst().body().path("dimensions").asInt()).isEqualTo(1536);
        assertThat(embedder.dimensions()).isEqualTo(1536);
        assertThat(failure.reason()).contains("3 dimensions instead of 1536");
        assertThat(failure.transientFailure()).isFalse();
    }

    @Test
    void aRateLimitIsRetriedAndThenSucceeds() {
        failures.add(429);
        failures.add(503);

        List<float[]> vectors = embedder(0, 8, 3).embed(texts(2));

        assertThat(vectors).hasSize(2);
        assertThat(received).hasSize(3);
    }

    @Test
    void aRefusedKeyFailsAtOnceWithAReasonThatHidesTheKey() {
        failures.add(401);

        EmbeddingException failure = catchThrowableOfType(
                EmbeddingException.class, () -> embedder(0, 8, 3).embed(texts(1)));

        assertThat(received).hasSize(1);
        assertThat(failure.reason())
                .contains(MODEL, "refused the API key", "401")
                .doesNotContain(KEY);
        assertThat(failure.transientFailure()).isFalse();
    }

    @Test
    void serverErrorsFailAfterTheLastAttemptAsTransient() {
        for (int i = 0; i < 5; i++) {
            failures.add(500);
        }

        EmbeddingException failure = catchThrowableOfType(
                EmbeddingException.class, () -> embedder(0, 8, 3).embed(texts(1)));

        assertThat(received).hasSize(3);
        assertThat(failure.reason()).contains("HTTP 500", "after 3 attempts");
        assertThat(failure.transientFailure()).isTrue();
    }

    @Test
    void anUnreachableServiceFailsAsTransient() {
        OpenAiEmbedder embedder = embedder(0, 8, 2);
        server.stop(0);

        EmbeddingException failure = catchThrowableOfType(EmbeddingException.class, () -> embedder.embed(texts(1)));

        assertThat(failure.reason()).contains("could not be reached", "after 2 attempts");
        assertThat(failure.transientFailure()).isTrue();
    }
}
