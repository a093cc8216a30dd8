package dev.gleaner.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * JSON calls to one Gleaner server with a developer key ({@code Authorization: Bearer}). Every failure becomes a
 * {@link ClientException}: 401 → {@code UNAUTHORIZED}, 400/404/409/413 → {@code INPUT} (with the server's message),
 * 429 → {@code SERVER} naming the limit (the server's message says which and until when),
 * anything else unexpected → {@code SERVER}; a connection error → {@code UNREACHABLE}.
 */
public final class ApiClient implements AutoCloseable {
    /** Longest wait for connecting to the server. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Longest wait for a JSON answer (the events stream is not bound by it once its headers arrived). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI server;
    private final String key;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ApiClient(URI server, String key) {
        String base = server.toString();
        this.server = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.key = key;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    public URI server() {
        return server;
    }

    public JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    public JsonNode post(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                .build());
    }

    public JsonNode patch(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(body)))
                .build());
    }

    public JsonNode delete(String path) {
        return send(request(path).DELETE().build());
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Opens a Server-Sent Events stream; null when the server has no such route (404, e.g. an older server). */
    public @Nullable Stream<String> events(String path, @Nullable String lastEventId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream")
                .timeout(REQUEST_TIMEOUT);
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = exchange(builder.GET().build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() == 200) {
            return response.body();
        }
        String body = String.join("\n", response.body().toList());
        if (response.statusCode() == 404) {
            return null;
        }
        throw failure(response.statusCode(), body);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Pretty-prints JSON for {@code --json} output. */
    public String pretty(JsonNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses the JSON of one event. */
    public JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ClientException(ClientException.Kind.SERVER, "the server sent malformed JSON", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "application/json")
                .timeout(REQUEST_TIMEOUT);
    }

    private URI uri(String path) {
        return URI.create(server + path);
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(response.body());
        }
        throw failure(status, response.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ClientException(
                    ClientException.Kind.UNREACHABLE, "cannot reach " + server + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ClientException.Kind.UNREACHABLE, "interrupted while calling " + server, e);
        }
    }

    private ClientException failure(int status, String body) {
        String message = serverMessage(body);
        return switch (status) {
            case 401 ->
                new ClientException(ClientException.Kind.UNAUTHORIZED, "the server refused the key (401): " + message);
            case 400, 404, 409, 413, 415 -> new ClientException(ClientException.Kind.INPUT, message);
            case 429 ->
                new ClientException(ClientException.Kind.SERVER, "a limit of the server was reached (429): " + message);
            default ->
                new ClientException(
                        ClientException.Kind.SERVER, "unexpected answer from the server (" + status + "): " + message);
        };
    }

    /** The {@code error.message} of an API error body, with its {@code details}; else the start of the body. */
    private String serverMessage(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.path("message").isTextual()) {
                StringBuilder text = new StringBuilder(error.path("message").asText());
                error.path("details").properties().forEach(detail -> text.append("; ")
                        .append(detail.getKey())
                        .append(": ")
                        .append(
                                detail.getValue().isTextual()
                                        ? detail.getValue().asText()
                                        : detail.getValue()));
                return text.toString();
            }
        } catch (JsonProcessingException e) {
            // Not the API's error shape: show the start of the body.
        }
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    /** Why a connection failed, in words: the JDK's exceptions often carry no message (or only the class name). */
    private static String describe(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof HttpConnectTimeoutException) {
                return "no answer to the connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
            }
            if (cause instanceof HttpTimeoutException) {
                return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Aborts what is still in flight: every call is synchronous, so that is only an abandoned (stalled) stream. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
