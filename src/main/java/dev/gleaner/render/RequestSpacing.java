package dev.gleaner.render;

import dev.gleaner.crawl.NormalizedUrl;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the requests of rendered pages may start, server by server: each at least its gap after the one before it to
 * the same server (across every tab of the renderer), so that a page's scripts cannot burst at its site. A page's own
 * fetch counts as a request made when its rendering began ({@link #fetched}), so its first request waits a gap too.
 * Only start times are spaced: a slow answer may still overlap the next request. Thread-safe.
 */
final class RequestSpacing {
    /** Servers remembered before those whose next start is past are forgotten. */
    private static final int MAX_SERVERS = 1_000;

    private final Clock clock;
    private final Map<String, Instant> nextStart = new ConcurrentHashMap<>();

    RequestSpacing(Clock clock) {
        this.clock = clock;
    }

    /** Records that {@code url}'s server was just asked for a page, so its next request waits {@code gap}. */
    void fetched(URI url, Duration gap) {
        if (!gap.isZero()) {
            nextStart.merge(NormalizedUrl.serverOf(url), clock.instant().plus(gap), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /**
     * Reserves a start for a request to {@code url}'s server, at least {@code gap} after the one reserved before it:
     * the time it may start, or empty (nothing reserved) when that would be after {@code latest}.
     */
    Optional<Instant> reserve(URI url, Duration gap, Instant latest) {
        Instant now = clock.instant();
        if (gap.isZero()) {
            return Optional.of(now);
        }
        trim(now);
        Instant[] start = new Instant[1];
        nextStart.compute(NormalizedUrl.serverOf(url), (server, next) -> {
            Instant at = next == null || next.isBefore(now) ? now : next;
            if (at.isAfter(latest)) {
                return next;
            }
            start[0] = at;
            return at.plus(gap);
        });
        return Optional.ofNullable(start[0]);
    }

    private void trim(Instant now) {
        if (nextStart.size() > MAX_SERVERS) {
            nextStart.values().removeIf(next -> next.isBefore(now));
        }
    }
}
