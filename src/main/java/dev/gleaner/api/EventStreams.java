package dev.gleaner.api;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job events streams open in this process: admits a new one while fewer than the limit are open (503 beyond it)
 * and its owner has fewer than its own limit open (429 beyond it; 0: none), counts them for {@code /metrics}, and ends
 * them all when the server stops. The per-owner limit covers every key and token of the owner, so more keys do not
 * buy more streams.
 */
final class EventStreams {
    /** What a client refused for too many streams of its owner is told to wait: a hint, streams end when they do. */
    private static final Duration OWNER_RETRY_HINT = Duration.ofSeconds(10);

    private final int max;
    private final int maxPerOwner;
    private final Set<JobEventStream> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> openByOwner = new HashMap<>();

    EventStreams(int max, int maxPerOwner) {
        this.max = max;
        this.maxPerOwner = maxPerOwner;
    }

    /** Registers a stream of {@code owner} about to start, or refuses it (503, or 429 at the owner's limit). */
    synchronized void admit(JobEventStream stream, String owner) {
        if (open.size() >= max) {
            throw new ServiceException(
                    ErrorCode.UNAVAILABLE,
                    "Too many job event streams are open; retry later",
                    Map.of("streams", "at most " + max + " open at once per server"));
        }
        int ofOwner = openByOwner.getOrDefault(owner, 0);
        if (maxPerOwner > 0 && ofOwner >= maxPerOwner) {
            throw new ServiceException(
                    ErrorCode.RATE_LIMITED,
                    "This owner already has " + ofOwner + " job event streams open on this server; close one first",
                    Map.of("streams", "at most " + maxPerOwner + " open at once per owner and server"),
                    OWNER_RETRY_HINT);
        }
        open.add(stream);
        openByOwner.put(owner, ofOwner + 1);
    }

    synchronized void ended(JobEventStream stream, String owner) {
        if (open.remove(stream)) {
            openByOwner.computeIfPresent(owner, (o, n) -> n > 1 ? n - 1 : null);
        }
    }

    int open() {
        return open.size();
    }

    void closeAll() {
        open.forEach(JobEventStream::close);
    }
}
