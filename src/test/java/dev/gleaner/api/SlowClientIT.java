package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that trickles its request (one byte every 200 ms, so the idle timeout never fires) is cut off: while sending
 * its request line and headers by the header deadline, while sending its body by the minimum body rate; a client that
 * stalls mid-body is cut off by the idle timeout. The limits are set small (2 s headers, 5 s idle) so that the test is
 * quick; a normal request on the same server is unaffected.
 */
class SlowClientIT {
    private static final HttpTimeouts TIMEOUTS = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2), 100);
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(15);
    private static final long TRICKLE_MILLIS = 200;

    private static TestApp app;
    private static final ExecutorService TRICKLERS = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void start(@TempDir Path data) {
        app = TestApp.start(
                data,
                config -> config.withHttp(h ->
                        h.withTimeouts(TIMEOUTS.idle(), TIMEOUTS.requestHeaders(), TIMEOUTS.minBodyBytesPerSecond())));
    }

    @AfterAll
    static void stop() {
        TRICKLERS.shutdownNow();
        app.close();
    }

    @Test
    void requestHeadersTrickledSlowerThanTheDeadlineAreCutOff() throws Exception {
        String request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "s".repeat(200) + "\r\n\r\n";
        try (Socket socket = connect()) {
            long started = System.nanoTime();

            Future<?> trickling = TRICKLERS.submit(() -> trickle(socket, request.getBytes(StandardCharsets.US_ASCII)));

            awaitClosed(socket);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            trickling.cancel(true);
        }
        assertThat(app.anonymous().get("/health").status()).isEqualTo(200);
    }

    @Test
    void requestBodyTrickledBelowTheMinimumRateIsCutOff() throws Exception {
        Kb kb = Kb.create(app.newOwner());
        String body = "{\"name\": \"" + "n".repeat(150) + "\"}";
        String head = "POST /v1/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + kb.api().key() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n";
        try (Socket socket = connect()) {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));

            Future<?> trickling = TRICKLERS.submit(() -> trickle(socket, body.getBytes(StandardCharsets.US_ASCII)));

            String answer = awaitClosed(socket);
            trickling.cancel(true);
            if (!answer.isEmpty()) {
                assertThat(answer).startsWith("HTTP/1.1 408");
                assertThat(answer).contains("application/json").contains("\"code\":\"bad_request\"");
            }
        }
        assertThat(kb.api().get("/v1/projects").json().path("data")).hasSize(1);
    }

    @Test
    void aStalledBodyIsCutOffByTheIdleTimeout() throws Exception {
        Kb kb = Kb.create(app.newOwner());
        // Complete headers (no header deadline any more), then half the body and silence (no byte to measure a rate
        // by).
        String head = "POST /v1/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + kb.api().key() + "\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"name\": \"stal";
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));

            awaitClosed(socket);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUTS.idle());
        }
        assertThat(kb.api().get("/v1/projects").json().path("data")).hasSize(1);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(TestSite.ADDRESS, app.port()), 5_000);
        return socket;
    }

    /** Sends one byte every {@link #TRICKLE_MILLIS} (the test's input pace) until done or the server hangs up. */
    private static void trickle(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                TimeUnit.MILLISECONDS.sleep(TRICKLE_MILLIS);
            }
        } catch (IOException | InterruptedException e) {
            // The server closed the connection: what the test waits for.
        }
    }

    /** Reads until the server closes the connection (or resets it); returns what it sent, possibly nothing. */
    private static String awaitClosed(Socket socket) throws IOException {
        socket.setSoTimeout(500);
        InputStream in = socket.getInputStream();
        StringBuilder received = new StringBuilder();
        await().atMost(CLOSED_WITHIN).pollDelay(Duration.ZERO).until(() -> {
            try {
                byte[] chunk = new byte[4096];
                int n = in.read(chunk);
                if (n < 0) {
                    return true;
                }
                received.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
                return false;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (java.net.SocketException e) {
                return true;
            }
        });
        return received.toString();
    }
}
