package dev.gleaner.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line and headers have not fully arrived within {@link
 * HttpTimeouts#requestHeaders()} of the server starting to wait for them. Jetty's idle timeout restarts with every byte,
 * so a client sending one byte a second would otherwise hold a connection forever.
 *
 * <p>Registered on the connector as a connection listener (a new connection starts waiting) and a request listener (the
 * headers are in: no deadline while the request is handled; the response is done: the next request's headers are
 * awaited). A sweeper closes connections past their deadline a few times per timeout.
 */
final class RequestDeadlines implements Connection.Listener, HttpChannel.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlines.class);
    private static final long MIN_SWEEP_MILLIS = 50;
    private static final long MAX_SWEEP_MILLIS = 1_000;

    private final Duration headerTimeout;
    private final Clock clock;
    private final Map<EndPoint, Instant> deadlines = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("gleaner-http-deadlines").daemon().unstarted(r));

    RequestDeadlines(Duration headerTimeout, Clock clock) {
        this.headerTimeout = headerTimeout;
        this.clock = clock;
        long every = Math.clamp(headerTimeout.toMillis() / 4, MIN_SWEEP_MILLIS, MAX_SWEEP_MILLIS);
        // sweep catches and logs its own failures: the future has nothing to report.
        var unused = sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        deadlines.put(connection.getEndPoint(), clock.instant().plus(headerTimeout));
    }

    @Override
    public void onClosed(Connection connection) {
        deadlines.remove(connection.getEndPoint());
    }

    @Override
    public void onRequestBegin(Request request) {
        deadlines.remove(request.getHttpChannel().getEndPoint());
    }

    @Override
    public void onComplete(Request request) {
        EndPoint endPoint = request.getHttpChannel().getEndPoint();
        if (endPoint.isOpen()) {
            deadlines.put(endPoint, clock.instant().plus(headerTimeout));
        }
    }

    /** Connections waiting for request headers right now (for tests and metrics). */
    int waiting() {
        return deadlines.size();
    }

    /** Never throws: an exception would cancel the sweeper's schedule, and with it every deadline. */
    private void sweep() {
        try {
            closeOverdue();
        } catch (RuntimeException e) {
            LOG.warn("Checking request header deadlines failed; checking again shortly", e);
        }
    }

    private void closeOverdue() {
        Instant now = clock.instant();
        deadlines.forEach((endPoint, deadline) -> {
            if (!now.isBefore(deadline)) {
                deadlines.remove(endPoint, deadline);
                if (endPoint.isOpen()) {
                    LOG.debug(
                            "Closed a connection from {}: its request headers did not arrive within {} ms",
                            endPoint.getRemoteSocketAddress(),
                            headerTimeout.toMillis());
                    endPoint.close();
                }
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        deadlines.clear();
    }
}
