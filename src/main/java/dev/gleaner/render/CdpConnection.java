package dev.gleaner.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A minimal Chrome DevTools Protocol client: JSON commands and events over the browser's one WebSocket, with the
 * JDK's {@code java.net.http.WebSocket} and Jackson. Commands for a tab carry its {@code sessionId} (flattened
 * sessions, {@code Target.attachToTarget} with {@code flatten: true}), so every tab shares this connection.
 *
 * <p>Written by hand rather than taken from a library: the renderer needs a dozen commands and four events, and the
 * CDP libraries for Java (Selenium's devtools, chrome-devtools-java-client, cdp4j) bring a browser driver, generated
 * bindings for every protocol domain and version-pinned browsers, none of which this needs; JSON over a WebSocket is
 * what the JDK and Jackson, already here, do.
 *
 * <p>A message longer than {@code maxMessageChars} closes the connection (the browser is then restarted by its owner):
 * nothing a page does can make this process hold more. Thread-safe; events are handed to their session's listener on
 * the WebSocket's thread, so a listener must only queue them.
 */
final class CdpConnection implements WebSocket.Listener, AutoCloseable {
    /** A protocol event: its method, parameters and the session (tab) it belongs to, null for the browser's own. */
    record Event(String method, JsonNode params, @Nullable String sessionId) {}

    /** The browser answered a command with an error, the connection closed, or the answer did not come in time. */
    static final class CdpException extends Exception {
        private static final long serialVersionUID = 1L;

        private final String reason;

        CdpException(String reason) {
            super(reason);
            this.reason = reason;
        }

        /** What went wrong, in words. */
        String reason() {
            return reason;
        }
    }

    private final ObjectMapper json;
    private final int maxMessageChars;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Event>> listeners = new ConcurrentHashMap<>();
    private final ReentrantLock sending = new ReentrantLock();
    private final StringBuilder partial = new StringBuilder();
    private volatile @Nullable WebSocket socket;
    private volatile @Nullable String closedBecause;

    private CdpConnection(ObjectMapper json, int maxMessageChars) {
        this.json = json;
        this.maxMessageChars = maxMessageChars;
    }

    /** Connects to the browser's WebSocket {@code endpoint} (what it printed as "DevTools listening on"). */
    static CdpConnection open(URI endpoint, ObjectMapper json, int maxMessageChars, Duration timeout)
            throws CdpException {
        CdpConnection connection = new CdpConnection(json, maxMessageChars);
        try {
            connection.socket = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .build()
                    .newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(endpoint, connection)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return connection;
        } catch (ExecutionException | TimeoutException e) {
            throw new CdpException("could not connect to the browser's DevTools endpoint " + endpoint + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdpException("interrupted while connecting to the browser");
        }
    }

    /** Whether the connection is still open. */
    boolean isOpen() {
        return closedBecause == null;
    }

    /** Hands the events of {@code sessionId} to {@code listener} until {@link #unlisten}. */
    void listen(String sessionId, Consumer<Event> listener) {
        listeners.put(sessionId, listener);
    }

    void unlisten(String sessionId) {
        listeners.remove(sessionId);
    }

    /** Sends a command and waits at most {@code timeout} for its result. */
    JsonNode call(@Nullable String sessionId, String method, ObjectNode params, Duration timeout) throws CdpException {
        CompletableFuture<JsonNode> answer = send(sessionId, method, params);
        try {
            return answer.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof CdpException cdp ? cdp : new CdpException(method + " failed: " + cause);
        } catch (TimeoutException e) {
            answer.cancel(false);
            throw new CdpException(method + " was not answered within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdpException("interrupted while waiting for " + method);
        }
    }

    /** Sends a command; the future completes with its result, or exceptionally with a {@link CdpException}. */
    CompletableFuture<JsonNode> send(@Nullable String sessionId, String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answer.whenComplete((result, failure) -> pending.remove(id));
        WebSocket open = socket;
        String closed = closedBecause;
        if (open == null || closed != null) {
            answer.completeExceptionally(new CdpException("the browser connection is closed: " + closed));
            return answer;
        }
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        pending.put(id, answer);
        sending.lock();
        try {
            // One send at a time: the JDK's WebSocket refuses a send while the previous one is under way.
            open.sendText(json.writeValueAsString(message), true).join();
        } catch (JsonProcessingException | RuntimeException e) {
            answer.completeExceptionally(new CdpException("could not send " + method + ": " + e));
        } finally {
            sending.unlock();
        }
        return answer;
    }

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (partial.length() + data.length() > maxMessageChars) {
            partial.setLength(0);
            closeBecause("the browser sent a message longer than " + maxMessageChars + " characters");
            return null;
        }
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            dispatch(text);
        }
        webSocket.request(1);
        return null;
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            return;
        }
        JsonNode id = message.get("id");
        if (id != null && id.canConvertToLong()) {
            CompletableFuture<JsonNode> answer = pending.get(id.asLong());
            if (answer == null) {
                return;
            }
            JsonNode error = message.get("error");
            if (error != null) {
                answer.completeExceptionally(
                        new CdpException(error.path("message").asText("error")));
            } else {
                answer.complete(message.path("result"));
            }
            return;
        }
        String sessionId = message.path("sessionId").asText(null);
        Consumer<Event> listener = sessionId == null ? null : listeners.get(sessionId);
        if (listener != null) {
            listener.accept(new Event(message.path("method").asText(""), message.path("params"), sessionId));
        }
    }

    @Override
    public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        failAll("the browser closed the connection (" + statusCode + " " + reason + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failAll("the browser connection failed: " + error);
    }

    private void closeBecause(String reason) {
        failAll(reason);
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }

    private void failAll(String reason) {
        if (closedBecause == null) {
            closedBecause = reason;
        }
        pending.values().forEach(answer -> answer.completeExceptionally(new CdpException(reason)));
        // The tabs waiting for events learn it from their failed commands and their own deadline.
        listeners
                .values()
                .forEach(listener -> listener.accept(
                        new Event("Inspector.detached", json.createObjectNode().put("reason", reason), null)));
    }

    @Override
    public void close() {
        closeBecause("closed");
    }
}
