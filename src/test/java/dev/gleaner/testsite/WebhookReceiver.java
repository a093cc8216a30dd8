package dev.gleaner.testsite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * A webhook receiver on 127.0.0.1, port 0: records every request it gets (headers, exact body bytes, in arrival
 * order) and answers with the status {@code answer} chooses for it; {@code 0} means hang until {@link #release} (or
 * the server stops), like a receiver that never answers.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request received. Header names are lowercase. */
    @SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
    public record Received(Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String event() {
            return json().path("event").asText();
        }

        public String id() {
            return json().path("id").asText();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile ToIntFunction<Received> answer;

    private WebhookReceiver(ToIntFunction<Received> answer) {
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress(TestSite.ADDRESS, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A receiver answering every request with {@code answer}'s status (0: hang). */
    public static WebhookReceiver start(ToIntFunction<Received> answer) {
        return new WebhookReceiver(answer);
    }

    /** A receiver answering 200 to everything. */
    public static WebhookReceiver accepting() {
        return start(r -> 200);
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Changes how later requests are answered. */
    public void answerWith(ToIntFunction<Received> newAnswer) {
        this.answer = newAnswer;
    }

    /** Lets every hanging request (and every later one told to hang) answer 200. */
    public void release() {
        released.countDown();
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The event names received, in arrival order. */
    public List<String> events() {
        return received().stream().map(Received::event).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            Received request = new Received(headers, body);
            synchronized (this) {
                received.add(request);
            }
            int status = answer.applyAsInt(request);
            if (status == 0) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                status = 200;
            }
            byte[] reply = ("answered " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
