package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.EventStream;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What open job events streams cost and how fast they deliver: opens N streams (default 500) on one knowledgebase,
 * runs a small crawl, and prints the heap and RSS per open stream, the live platform threads, and the delivery latency
 * of job events (from the job's {@code updatedAt}, stamped when it changed, to the event's arrival at the client).
 * Server and clients share this process, so the memory per stream includes the client's side too (an upper bound).
 *
 * <p>Usage: {@code bin/bench events [streams] [pages]} (defaults 500 and 100).
 */
public final class EventsBenchmark {
    private static final Duration WITHIN = Duration.ofMinutes(5);

    private EventsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path data = Files.createTempDirectory("gleaner-bench-events");
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(pages)) {
            TestApi api = app.newOwner();
            Kb kb = Kb.create(api);
            String path = kb.path() + "/crawl/events";
            Map<String, String> auth = Map.of("Authorization", "Bearer " + api.key());
            // Warm up the route and the client once, so the baseline holds their one-off costs.
            try (EventStream warm = EventStream.open(app.port(), path, auth)) {
                warm.snapshot(WITHIN);
            }
            awaitNoStreams(app);
            Sample before = Sample.take();

            List<EventStream> streams = new ArrayList<>();
            long openStart = System.nanoTime();
            for (int i = 0; i < count; i++) {
                EventStream stream = EventStream.open(app.port(), path, auth);
                stream.snapshot(WITHIN);
                streams.add(stream);
            }
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            Sample open = Sample.take();
            System.out.printf(
                    Locale.ROOT,
                    "%d streams open in %.1f s; server reports %d open%n",
                    count,
                    openSeconds,
                    openStreams(app));
            System.out.printf(
                    Locale.ROOT,
                    "per open stream (server and client in one process): heap %.1f KiB, RSS %.1f KiB;"
                            + " live platform threads %d before, %d with the streams open%n",
                    (open.heap() - before.heap()) / 1024.0 / count,
                    (open.rss() - before.rss()) / 1024.0 / count,
                    before.threads(),
                    open.threads());

            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch finished = new CountDownLatch(count);
            long crawlStart = System.nanoTime();
            String jobId = kb.crawl(Map.of("url", site.siteUrl().toString(), "limit", pages));
            for (EventStream stream : streams) {
                Thread.ofVirtual().start(() -> {
                    JsonNode job;
                    do {
                        EventStream.Event event = stream.nextEvent(WITHIN);
                        job = event.json();
                        Instant changed = Instant.parse(job.path("updatedAt").asText());
                        latencies.add(
                                Duration.between(changed, event.receivedAt()).toMillis());
                    } while (!job.path("status").asText().equals("completed"));
                    finished.countDown();
                });
            }
            finished.await();
            double crawlSeconds = (System.nanoTime() - crawlStart) / 1e9;
            JsonNode job = kb.job(jobId);
            Sample during = Sample.take();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(
                    Locale.ROOT,
                    "crawl of %d pages in %.1f s: %d job events delivered (%.1f per stream);"
                            + " live platform threads %d%n",
                    job.path("done").asLong(),
                    crawlSeconds,
                    sorted.size(),
                    sorted.size() / (double) count,
                    during.threads());
            System.out.printf(
                    Locale.ROOT,
                    "delivery latency, job change to receipt: p50 %d ms, p99 %d ms, max %d ms%n",
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    sorted.getLast());

            streams.forEach(EventStream::close);
            long closeStart = System.nanoTime();
            awaitNoStreams(app);
            System.out.printf(
                    Locale.ROOT,
                    "after hanging up: server reports %d open streams after %.1f s%n",
                    openStreams(app),
                    (System.nanoTime() - closeStart) / 1e9);
        }
        System.exit(0);
    }

    /** Waits until the server has noticed every hung-up stream (at its next heartbeat at the latest). */
    private static void awaitNoStreams(TestApp app) throws InterruptedException {
        long start = System.nanoTime();
        while (openStreams(app) > 0
                && System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(100);
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static int openStreams(TestApp app) {
        return app.anonymous()
                .get("/metrics")
                .text()
                .lines()
                .filter(line -> line.startsWith("gleaner_event_streams_open "))
                .mapToInt(line ->
                        Integer.parseInt(line.substring(line.indexOf(' ') + 1).strip()))
                .findFirst()
                .orElse(-1);
    }

    /** Heap in use after a full collection, the process's RSS, and its live platform threads. */
    private record Sample(long heap, long rss, int threads) {
        static Sample take() throws IOException, InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new Sample(heap, rss, ManagementFactory.getThreadMXBean().getThreadCount());
        }
    }
}
