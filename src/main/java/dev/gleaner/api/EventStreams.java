package dev.gleaner.api;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job events streams open in this process: admits a new one while fewer than the limit are open (503 beyond it),
 * counts them for {@code /metrics}, and ends them all when the server stops.
 */
final class EventStreams {
    private final int max;
    private final Set<JobEventStream> open = ConcurrentHashMap.newKeySet();

    EventStreams(int max) {
        this.max = max;
    }

    /** Registers a stream about to start, or refuses it with 503 when the limit is reached. */
    synchronized void admit(JobEventStream stream) {
        if (open.size() >= max) {
            throw new ServiceException(
                    ErrorCode.UNAVAILABLE,
                    "Too many job event streams are open; retry later",
                    Map.of("streams", "at most " + max + " open at once per server"));
        }
        open.add(stream);
    }

    void ended(JobEventStream stream) {
        open.remove(stream);
    }

    int open() {
        return open.size();
    }

    /** The gauge of open streams, in Prometheus text format. */
    String metrics() {
        return "# TYPE gleaner_event_streams_open gauge\n" + "gleaner_event_streams_open " + open() + "\n";
    }

    void closeAll() {
        open.forEach(JobEventStream::close);
    }
}
