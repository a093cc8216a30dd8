package dev.gleaner.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Following the events stream through connection losses, and the polling fallback, against a loopback server that
 * plays the events protocol (docs: README, "Job events") connection by connection.
 */
@Timeout(30)
class JobStreamIT {
    private static final JobStream.Settings FAST = new JobStream.Settings(
            Duration.ofMillis(10), Duration.ofMillis(50), 3, Duration.ofMillis(20), Duration.ofMillis(500));
    private static final KbRef KB = new KbRef("proj_1", "kb_1", "docs");
    private static final String EVENTS = KB.path() + "/crawl/events";

    private HttpServer server;
    private final List<@Nullable String> lastEventIds = Collections.synchronizedList(new ArrayList<>());
    private final List<@Nullable String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A thread per exchange, so that a held connection does not delay the next one.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ApiClient client() {
        return new ApiClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "dk_test");
    }

    private static String job(String status, long done) {
        return "{\"jobId\":\"job_1\",\"mode\":\"crawl\",\"status\":\"" + status + "\",\"total\":4,\"done\":" + done
                + ",\"failed\":0,\"startedAt\":\"2026-11-28T10:00:00.000Z\",\"updatedAt\":\"2026-11-28T10:00:01.000Z\"}";
    }

    private void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Serves the events route: connection n gets {@code streams.get(n)} (the last one for every later connection). */
    private void events(List<String> streams) {
        server.createContext(EVENTS, exchange -> {
            lastEventIds.add(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            int n = connections.getAndIncrement();
            answer(exchange, 200, "text/event-stream", streams.get(Math.min(n, streams.size() - 1)));
        });
    }

    private static JobWatch watchOne() {
        return JobWatch.one("job_1", new ProgressView.Lines(new PrintWriter(new StringWriter())), Clock.systemUTC());
    }

    @Test
    void aDroppedStreamIsReopenedWithTheLastEventIdUntilTheJobEnds() {
        events(List.of(
                "retry: 10\n\nid: c1\nevent: job\ndata: " + job("running", 1) + "\n\nevent: ready\ndata: {}\n\n",
                ": keep-alive\n\n",
                "id: c3\nevent: job\ndata: " + job("completed", 4) + "\n\nevent: ready\ndata: {}\n\n"));
        JobWatch watch = watchOne();

        try (ApiClient api = client()) {
            assertThat(new JobStream(api, FAST).follow(KB, List.of("job_1"), watch))
                    .isEqualTo(JobStream.Transport.EVENTS);
        }

        assertThat(watch.finished()).isTrue();
        assertThat(watch.jobs().getFirst().done()).isEqualTo(4);
        assertThat(lastEventIds).containsExactly(null, "c1", "c1");
        assertThat(authorizations).containsOnly("Bearer dk_test");
    }

    @Test
    void aStreamThatGoesSilentIsReopened() {
        CountDownLatch released = new CountDownLatch(1);
        server.createContext(EVENTS, exchange -> {
            lastEventIds.add(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
            if (connections.getAndIncrement() == 0) {
                // The snapshot, then silence without a heartbeat or an end: a half-open connection.
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody()
                        .write(("id: c1\nevent: job\ndata: " + job("running", 1) + "\n\nevent: ready\ndata: {}\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                try {
                    released.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            answer(exchange, 200, "text/event-stream", "id: c2\nevent: job\ndata: " + job("completed", 4) + "\n\n");
        });
        JobWatch watch = watchOne();

        try (ApiClient api = client()) {
            new JobStream(api, FAST).follow(KB, List.of("job_1"), watch);
        } finally {
            released.countDown();
        }

        assertThat(watch.finished()).isTrue();
        assertThat(lastEventIds).containsExactly(null, "c1");
    }

    @Test
    void followingGivesUpAfterTheNamedNumberOfReconnectionsWithoutAnEvent() {
        server.createContext(EVENTS, exchange -> {
            connections.incrementAndGet();
            answer(exchange, 503, "application/json", "{\"error\":{\"message\":\"busy\",\"code\":\"internal\"}}");
        });

        try (ApiClient api = client()) {
            assertThatThrownBy(() -> new JobStream(api, FAST).follow(KB, List.of("job_1"), watchOne()))
                    .isInstanceOfSatisfying(ClientException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ClientException.Kind.UNREACHABLE);
                        assertThat(e.exitCode()).isEqualTo(ExitCodes.SERVER);
                        assertThat(e.getMessage())
                                .contains("gave up following after 3 reconnections")
                                .contains("busy");
                    });
        }
        assertThat(connections.get()).isEqualTo(FAST.maxReconnects() + 1);
    }

    @Test
    void aRefusedKeyIsNotRetried() {
        server.createContext(EVENTS, exchange -> {
            connections.incrementAndGet();
            answer(
                    exchange,
                    401,
                    "application/json",
                    "{\"error\":{\"message\":\"bad key\",\"code\":\"unauthorized\"}}");
        });

        try (ApiClient api = client()) {
            assertThatThrownBy(() -> new JobStream(api, FAST).follow(KB, List.of("job_1"), watchOne()))
                    .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.kind())
                            .isEqualTo(ClientException.Kind.UNAUTHORIZED));
        }
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aServerWithoutTheEventsRouteIsPolled() {
        AtomicInteger polls = new AtomicInteger();
        server.createContext(EVENTS, exchange -> {
            connections.incrementAndGet();
            answer(exchange, 404, "application/json", "{\"error\":{\"message\":\"no route\",\"code\":\"not_found\"}}");
        });
        server.createContext(KB.path() + "/crawl/jobs/job_1", exchange -> {
            int n = polls.incrementAndGet();
            answer(exchange, 200, "application/json", n < 3 ? job("running", n) : job("completed", 4));
        });
        JobWatch watch = watchOne();

        try (ApiClient api = client()) {
            assertThat(new JobStream(api, FAST).follow(KB, List.of("job_1"), watch))
                    .isEqualTo(JobStream.Transport.POLLING);
        }

        assertThat(watch.finished()).isTrue();
        assertThat(polls.get()).isEqualTo(3);
        assertThat(connections.get()).isEqualTo(1);
    }
}
