package dev.gleaner.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.ingest.OpenAiEmbedder;
import dev.gleaner.ingest.OpenAiSettings;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload whose remote embedding model fails transiently is tried again with backoff, staying unparsed without an
 * error meanwhile, until it is parsed and searchable or the attempts run out; a refused key is not retried.
 */
class UploadEmbeddingRetryIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String MODEL = "remote-model";
    private static final int MAX_ATTEMPTS = 3;
    private static final String SENTENCE = "Reindeer herders count their animals at the autumn corral by the lake.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Statuses the fake service answers the next requests with before it embeds again. */
    private final Queue<Integer> failures = new ConcurrentLinkedQueue<>();

    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean alwaysFail;
    private volatile boolean holdSuccess;
    private HttpServer service;
    private TestApp app;

    @BeforeEach
    void start(@TempDir Path data) throws IOException {
        service = HttpServer.create(new InetSocketAddress(TestSite.ADDRESS, 0), 0);
        service.createContext("/v1/embeddings", this::answer);
        service.start();
        URI base = URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/v1");
        // One request per attempt: the upload's own retries are what is tested, not the client's.
        OpenAiEmbedder remote =
                new OpenAiEmbedder(OpenAiSettings.of(base, "sk-test", MODEL, 3, 8, Duration.ofSeconds(60), 1)
                        .withLimits(8, 1, Duration.ofMillis(1), Duration.ofMillis(10)));
        app = TestApp.start(
                TestApp.config(data).withUploads(u -> u.withRetries(MAX_ATTEMPTS, Duration.ofMillis(50))),
                List.of(new HashingEmbedder(TestApp.MODEL, 384), remote));
    }

    @AfterEach
    void stop() {
        release.countDown();
        app.close();
        service.stop(0);
    }

    @Test
    void anUploadWhoseModelFailsTwiceIsParsedAndSearchableOnItsThirdAttempt() {
        failures.add(503);
        failures.add(503);
        holdSuccess = true;
        Kb kb = Kb.create(app.newOwner(), Map.of("embeddingModelName", MODEL));

        String datasetPath = upload(kb);
        await().atMost(WITHIN).until(() -> requests.get() == 3);
        JsonNode waiting = kb.api().get(datasetPath).json();
        release.countDown();
        JsonNode parsed = await().atMost(WITHIN)
                .until(() -> kb.api().get(datasetPath).json(), d -> d.path("isParsed")
                        .asBoolean());

        assertThat(waiting.path("isParsed").asBoolean()).as(waiting.toString()).isFalse();
        assertThat(waiting.path("error").isNull() || waiting.path("error").isMissingNode())
                .as(waiting.toString())
                .isTrue();
        assertThat(parsed.path("error").isNull() || parsed.path("error").isMissingNode())
                .as(parsed.toString())
                .isTrue();
        assertThat(parsed.path("chunkCount").asLong()).isPositive();
        assertThat(requests.get()).as("embedding requests before any query").isEqualTo(3);
        JsonNode hits = kb.query(SENTENCE, 5, 0.0);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).path("content").asText()).contains("Reindeer herders");
    }

    @Test
    void anUploadWhoseModelKeepsFailingGetsAnErrorAfterTheLastAttempt() {
        alwaysFail = true;
        Kb kb = Kb.create(app.newOwner(), Map.of("embeddingModelName", MODEL));

        String datasetPath = upload(kb);
        JsonNode failed = await().atMost(WITHIN)
                .until(
                        () -> kb.api().get(datasetPath).json(),
                        d -> !d.path("error").isNull() && !d.path("error").isMissingNode());

        assertThat(failed.path("isParsed").asBoolean()).isFalse();
        assertThat(failed.path("error").asText()).contains(MODEL, "503", "after " + MAX_ATTEMPTS + " attempts");
        assertThat(requests.get()).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void aRefusedKeyIsNotRetried() {
        failures.add(401);
        Kb kb = Kb.create(app.newOwner(), Map.of("embeddingModelName", MODEL));

        String datasetPath = upload(kb);
        JsonNode failed = await().atMost(WITHIN)
                .until(
                        () -> kb.api().get(datasetPath).json(),
                        d -> !d.path("error").isNull() && !d.path("error").isMissingNode());

        assertThat(failed.path("error").asText())
                .contains("refused the API key")
                .doesNotContain("attempts");
        assertThat(requests.get()).isEqualTo(1);
    }

    private static String upload(Kb kb) {
        TestApi.Response uploaded = kb.api()
                .upload(
                        kb.path() + "/datasets",
                        "dataset",
                        "herding.txt",
                        "text/plain",
                        SENTENCE.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        return kb.path() + "/datasets/" + uploaded.json().path("id").asText();
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        requests.incrementAndGet();
        Integer failure = alwaysFail ? Integer.valueOf(503) : failures.poll();
        if (failure != null) {
            send(exchange, failure, "{\"error\":{\"message\":\"unavailable\"}}");
            return;
        }
        if (holdSuccess) {
            holdSuccess = false;
            try {
                release.await(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ArrayNode data = JSON.createArrayNode();
        JsonNode input = body.path("input");
        for (int i = 0; i < input.size(); i++) {
            int n = input.get(i).asText().length();
            data.addObject()
                    .put("object", "embedding")
                    .put("index", i)
                    .putArray("embedding")
                    .add(1)
                    .add(n % 7)
                    .add(1);
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
}
