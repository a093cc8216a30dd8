package dev.gleaner.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A Server-Sent Events client of a job events stream, reading on a virtual thread: every event (and comment, as event
 * {@code ":"}) is queued with the time it arrived. {@link #close} hangs up.
 */
public final class EventStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** One event: {@code id} is null when it had none; a comment has event {@code ":"} and its text as data. */
    public record Event(@Nullable String id, String event, String data, Instant receivedAt) {
        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private volatile boolean ended;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens {@code path} (with its query) on the port with the given request headers; asserts a 200 stream. */
    public static EventStream open(int port, String path, Map<String, String> headers) {
        HttpResponse<Stream<String>> response = request(port, path, headers);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        return new EventStream(response);
    }

    /** Sends the request and returns the response, its body unread (for refusals: status and JSON body). */
    public static HttpResponse<Stream<String>> request(int port, String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        headers.forEach(builder::header);
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        String id = null;
        String event = "message";
        StringBuilder data = new StringBuilder();
        try (Stream<String> body = response.body()) {
            for (String line : (Iterable<String>) body::iterator) {
                lines.add(line);
                if (line.isEmpty()) {
                    if (!data.isEmpty() || !event.equals("message")) {
                        events.add(new Event(id, event, data.toString(), Instant.now()));
                    }
                    id = null;
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, ":", line.substring(1).strip(), Instant.now()));
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(6));
                }
            }
        } catch (RuntimeException e) {
            // Hung up by close(), or the server ended the stream abruptly.
        } finally {
            ended = true;
        }
    }

    /** The next event or comment, waiting at most {@code within}; fails when none arrives. */
    public Event next(Duration within) {
        try {
            Event event = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event)
                    .as("an event within " + within + "; lines so far: " + lines)
                    .isNotNull();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event that is not a comment. */
    public Event nextEvent(Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Event event = next(Duration.between(Instant.now(), deadline));
            if (!event.event().equals(":")) {
                return event;
            }
        }
    }

    /** Events up to and including {@code ready}, the snapshot. */
    public List<Event> snapshot(Duration within) {
        List<Event> snapshot = new ArrayList<>();
        while (true) {
            Event event = nextEvent(within);
            snapshot.add(event);
            if (event.event().equals("ready")) {
                return snapshot;
            }
        }
    }

    /** Every line received so far, blank ones included. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Whether the server ended the stream (or it was closed). */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
