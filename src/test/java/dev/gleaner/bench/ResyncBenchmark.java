package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.OperatingSystemMXBean;
import dev.gleaner.ingest.MiniLmEmbedder;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of re-syncing an unchanged site, with the real embedding model: a generated loopback site whose server
 * answers conditional requests (ETag, Last-Modified, 304) and lists its pages with {@code lastmod} in its sitemap is
 * imported once, then again unchanged, in crawl mode (every page asked about with a conditional request; the links of
 * unchanged pages followed as recorded) and in sitemap mode (no page is fetched: every {@code lastmod} is older than
 * the first import).
 *
 * <p>The site runs in a process of its own ({@link ResyncSite}), so the service's CPU time is measured apart from the
 * site's; both are printed. The first import's CPU time is taken when its job finishes and again once the service is
 * idle (the search index merges its segments in the background after the import), and the re-sync starts only then,
 * so that it is not charged with the first import's merges. Ratios are given against the job's own CPU time (the
 * smaller figure, so the ratio is the less flattering one).
 *
 * <p>Usage: {@code bin/bench resync [pages]} (default 1000).
 */
public final class ResyncBenchmark {
    private static final Duration WITHIN = Duration.ofMinutes(60);
    /** Idle: less than this share of one core used over {@link #IDLE_WINDOW}. */
    private static final double IDLE_SHARE = 0.03;

    private static final Duration IDLE_WINDOW = Duration.ofSeconds(2);
    private static final Duration MAX_SETTLE = Duration.ofMinutes(3);

    private ResyncBenchmark() {}

    /** Wall and CPU time of one job: the service's until the job finished and until idle, and the site's. */
    private record Run(JsonNode job, double wallSeconds, double cpuSeconds, double settledCpuSeconds, double siteCpu) {}

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path data = Files.createTempDirectory("gleaner-bench-resync");
        Path ready = data.resolve("site-ready");
        Process site = startSite(pages, ready);
        try (TestApp app = TestApp.start(TestApp.config(data), new MiniLmEmbedder())) {
            String[] urls = awaitSite(site, ready).split(" ");
            TestApi api = app.newOwner();
            compare(site, "crawl", Kb.create(api), Map.of("url", urls[0], "limit", pages + 10, "sitemap", "skip"));
            compare(site, "sitemap", Kb.create(api), Map.of("mode", "sitemap", "url", urls[1], "limit", pages + 10));
        } finally {
            site.destroy();
        }
        System.exit(0);
    }

    private static Process startSite(int pages, Path ready) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ResyncSite.class.getName(),
                        Integer.toString(pages),
                        ready.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The line the site wrote once it serves. */
    private static String awaitSite(Process site, Path ready) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!Files.exists(ready)) {
            if (!site.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The benchmark's site did not start");
            }
            Thread.sleep(50);
        }
        return Files.readString(ready);
    }

    private static void compare(Process site, String mode, Kb kb, Map<String, Object> request) throws Exception {
        Run first = run(site, kb, request);
        Run again = run(site, kb, request);
        System.out.printf(
                Locale.ROOT,
                "%s mode, %d pages: first import %.1f s wall, service %.1f s CPU (%.1f s once idle), site %.1f s CPU"
                        + " (%s); re-sync %.1f s wall, service %.2f s CPU, site %.2f s CPU (%s); re-sync/first: wall"
                        + " %.1f %%, service CPU %.1f %%, service and site CPU %.1f %%%n",
                mode,
                first.job().path("total").asLong(),
                first.wallSeconds(),
                first.cpuSeconds(),
                first.settledCpuSeconds(),
                first.siteCpu(),
                changes(first.job()),
                again.wallSeconds(),
                again.cpuSeconds(),
                again.siteCpu(),
                changes(again.job()),
                100 * again.wallSeconds() / first.wallSeconds(),
                100 * again.cpuSeconds() / first.cpuSeconds(),
                100 * (again.cpuSeconds() + again.siteCpu()) / (first.cpuSeconds() + first.siteCpu()));
    }

    private static Run run(Process site, Kb kb, Map<String, Object> request) throws InterruptedException {
        double cpu = processCpu();
        double siteCpu = cpuOf(site);
        long start = System.nanoTime();
        JsonNode job = kb.awaitFinished(kb.crawl(request), WITHIN);
        double wall = (System.nanoTime() - start) / 1e9;
        double jobCpu = processCpu() - cpu;
        double siteUsed = cpuOf(site) - siteCpu;
        if (!job.path("status").asText().equals("completed")) {
            throw new IllegalStateException("the job did not complete: " + job);
        }
        awaitIdle();
        return new Run(job, wall, jobCpu, processCpu() - cpu, siteUsed);
    }

    /** Waits (up to {@link #MAX_SETTLE}) until the service uses almost no CPU: background index merges are done. */
    private static void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + MAX_SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            double before = processCpu();
            Thread.sleep(IDLE_WINDOW.toMillis());
            if (processCpu() - before < IDLE_SHARE * IDLE_WINDOW.toSeconds()) {
                return;
            }
        }
    }

    private static double processCpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static double cpuOf(Process process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
    }

    private static String changes(JsonNode job) {
        JsonNode changes = job.path("changes");
        return String.format(
                Locale.ROOT,
                "%d new, %d updated, %d unchanged, %d failed",
                changes.path("new").asLong(),
                changes.path("updated").asLong(),
                changes.path("unchanged").asLong(),
                job.path("failed").asLong());
    }
}
