package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.OperatingSystemMXBean;
import dev.gleaner.ingest.MiniLmEmbedder;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.RevalidatingSite;
import dev.gleaner.testsite.TestSite;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of re-syncing an unchanged site, with the real embedding model: a generated loopback site whose server
 * answers conditional requests (ETag, Last-Modified, 304) and lists its pages with {@code lastmod} in its sitemap is
 * imported once, then again unchanged, in crawl mode (link-following pages are fetched in full; their unchanged text
 * is not embedded again) and in sitemap mode (no page is fetched: every {@code lastmod} is older than the first
 * import). Prints wall time and the process's CPU time of both runs and their ratio (the site's server runs in the same
 * process, so its CPU is counted too).
 *
 * <p>Usage: {@code bin/bench resync [pages]} (default 1000).
 */
public final class ResyncBenchmark {
    private static final Duration WITHIN = Duration.ofMinutes(60);

    private ResyncBenchmark() {}

    /** Wall and CPU time of one job. */
    private record Run(JsonNode job, double wallSeconds, double cpuSeconds) {}

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path data = Files.createTempDirectory("gleaner-bench-resync");
        try (TestApp app = TestApp.start(TestApp.config(data), new MiniLmEmbedder());
                TestSite site = TestSite.builder().generatedPages(pages).start()) {
            RevalidatingSite.over(site, Instant.now().minus(Duration.ofDays(1)));
            TestApi api = app.newOwner();
            compare(
                    "crawl",
                    Kb.create(api),
                    Map.of("url", site.siteUrl().toString(), "limit", pages + 10, "sitemap", "skip"));
            compare(
                    "sitemap",
                    Kb.create(api),
                    Map.of("mode", "sitemap", "url", site.url("/").toString(), "limit", pages + 10));
        }
        System.exit(0);
    }

    private static void compare(String mode, Kb kb, Map<String, Object> request) {
        Run first = run(kb, request);
        Run again = run(kb, request);
        System.out.printf(
                Locale.ROOT,
                "%s mode, %d pages: first import %.1f s wall, %.1f s CPU (%s); re-sync %.1f s wall, %.2f s CPU (%s);"
                        + " re-sync/first: wall %.1f %%, CPU %.1f %%%n",
                mode,
                first.job().path("total").asLong(),
                first.wallSeconds(),
                first.cpuSeconds(),
                changes(first.job()),
                again.wallSeconds(),
                again.cpuSeconds(),
                changes(again.job()),
                100 * again.wallSeconds() / first.wallSeconds(),
                100 * again.cpuSeconds() / first.cpuSeconds());
    }

    private static Run run(Kb kb, Map<String, Object> request) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        JsonNode job = kb.awaitFinished(kb.crawl(request), WITHIN);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        if (!job.path("status").asText().equals("completed")) {
            throw new IllegalStateException("the job did not complete: " + job);
        }
        return new Run(job, wall, cpuSeconds);
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
