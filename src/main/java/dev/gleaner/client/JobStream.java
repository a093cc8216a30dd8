package dev.gleaner.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Follows the jobs of one knowledgebase through its events stream ({@code GET …/crawl/events}, see the protocol in
 * the README), delivering every {@code job} event to a {@link JobSink} until the sink is finished. A dropped stream
 * is reopened with {@code Last-Event-ID} after a growing delay (from the server's {@code retry:}, doubling, capped);
 * a stream silent for {@link Settings#stallTimeout} counts as dropped (the server sends a heartbeat every 15 s);
 * after {@link Settings#maxReconnects} reconnections in a row without an event it gives up with
 * {@code UNREACHABLE}. A server without the route (404) is polled instead: {@code GET …/crawl/jobs/{id}} for the jobs
 * the sink names, else {@code GET …/crawl/jobs}, every {@link Settings#pollInterval}.
 */
public final class JobStream {
    /** Limits of following. */
    public record Settings(
            Duration firstRetry, Duration maxRetry, int maxReconnects, Duration pollInterval, Duration stallTimeout) {
        /** Reconnect after 0.5 s doubling to 10 s, at most 10 times in a row; poll every second; a stream silent
         * for 45 s (three missed heartbeats) counts as lost. */
        public static final Settings DEFAULTS = new Settings(
                Duration.ofMillis(500), Duration.ofSeconds(10), 10, Duration.ofSeconds(1), Duration.ofSeconds(45));
    }

    /** What the reader thread hands over when the stream ended. */
    private static final Object END = new Object();

    /** How the jobs were followed. */
    public enum Transport {
        /** The events stream. */
        EVENTS,
        /** Polling, the server having no events route. */
        POLLING
    }

    private final ApiClient api;
    private final Settings settings;

    public JobStream(ApiClient api, Settings settings) {
        this.api = api;
        this.settings = settings;
    }

    /**
     * Delivers the jobs of {@code kb} to {@code sink} until it is finished; {@code jobIds} are the jobs to poll when
     * the server has no events route (empty: poll the whole listing). Returns how it followed them.
     */
    public Transport follow(KbRef kb, List<String> jobIds, JobSink sink) {
        String lastEventId = null;
        long retryMillis = settings.firstRetry().toMillis();
        int failures = 0;
        while (!sink.finished()) {
            ClientException lost;
            try (Stream<String> lines = api.events(kb.path() + "/crawl/events", lastEventId)) {
                if (lines == null) {
                    poll(kb, jobIds, sink);
                    return Transport.POLLING;
                }
                Connection connection = read(lines, sink, lastEventId);
                lastEventId = connection.lastEventId();
                if (connection.serverRetryMillis() > 0) {
                    retryMillis = connection.serverRetryMillis();
                }
                if (connection.events() > 0) {
                    failures = 0;
                }
                lost = new ClientException(
                        ClientException.Kind.UNREACHABLE,
                        connection.stalled() ? "the events stream went silent" : "the events stream ended");
            } catch (ClientException e) {
                if (e.kind() != ClientException.Kind.UNREACHABLE && e.kind() != ClientException.Kind.SERVER) {
                    throw e;
                }
                lost = e;
            } catch (java.io.UncheckedIOException e) {
                lost = new ClientException(ClientException.Kind.UNREACHABLE, "the events stream broke: " + e, e);
            }
            if (sink.finished()) {
                return Transport.EVENTS;
            }
            failures++;
            if (failures > settings.maxReconnects()) {
                throw new ClientException(
                        ClientException.Kind.UNREACHABLE,
                        "gave up following after " + settings.maxReconnects() + " reconnections: " + lost.getMessage(),
                        lost);
            }
            pause(backoff(retryMillis, failures));
        }
        return Transport.EVENTS;
    }

    private record Connection(@Nullable String lastEventId, long serverRetryMillis, int events, boolean stalled) {}

    /**
     * Reads one connection until it ends, goes silent for {@link Settings#stallTimeout}, or the sink is finished. The
     * lines are read on a virtual thread so that a half-open connection cannot block following forever.
     */
    private Connection read(Stream<String> lines, JobSink sink, @Nullable String lastEventId) {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().name("gleaner-events").start(() -> {
            try {
                lines.forEach(queue::add);
                queue.add(END);
            } catch (RuntimeException e) {
                queue.add(e);
            }
        });
        SseParser parser = new SseParser();
        int events = 0;
        String last = lastEventId;
        try {
            while (!sink.finished()) {
                Object item = queue.poll(settings.stallTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (item == null) {
                    return new Connection(last, parser.retryMillis(), events, true);
                }
                if (item == END) {
                    break;
                }
                if (item instanceof RuntimeException e) {
                    throw e;
                }
                SseEvent event = parser.accept((String) item);
                if (event == null) {
                    continue;
                }
                events++;
                if (event.id() != null) {
                    last = event.id();
                }
                deliver(event, sink);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ClientException.Kind.UNREACHABLE, "interrupted while following", e);
        } finally {
            reader.interrupt();
        }
        return new Connection(last, parser.retryMillis(), events, false);
    }

    private void deliver(SseEvent event, JobSink sink) {
        switch (event.type()) {
            case "job" -> sink.job(JobState.of(api.parse(event.data())));
            case "ready" -> sink.ready();
            default -> {
                // Event types this client does not know are skipped, so servers can add some.
            }
        }
    }

    private void poll(KbRef kb, List<String> jobIds, JobSink sink) {
        while (true) {
            if (jobIds.isEmpty()) {
                api.get(kb.path() + "/crawl/jobs").path("jobs").forEach(job -> sink.job(JobState.of(job)));
            } else {
                for (String jobId : jobIds) {
                    sink.job(JobState.of(api.get(kb.path() + "/crawl/jobs/" + ApiClient.encode(jobId))));
                }
            }
            sink.ready();
            if (sink.finished()) {
                return;
            }
            pause(settings.pollInterval());
        }
    }

    private Duration backoff(long retryMillis, int failures) {
        long millis = retryMillis << Math.min(failures - 1, 16);
        return Duration.ofMillis(Math.min(millis, settings.maxRetry().toMillis()));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ClientException.Kind.UNREACHABLE, "interrupted while following", e);
        }
    }
}
