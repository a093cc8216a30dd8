package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.PolitenessConfig;
import dev.gleaner.ingest.MiniLmEmbedder;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Crawl engine numbers, with the real embedding model: pages/s on a large generated loopback site with politeness
 * off, the request rate one server sees with the default politeness, and the process's peak RSS meanwhile.
 *
 * <p>Usage: {@code bin/bench crawl [pages] [politePages]} (defaults 2,000 and 40).
 */
public final class CrawlBenchmark {
    private static final Duration DEFAULT_CRAWL_DELAY = Duration.ofMillis(500);
    private static final int DEFAULT_PER_SERVER = 2;

    private CrawlBenchmark() {}

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int politePages = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        MiniLmEmbedder model = new MiniLmEmbedder();
        AtomicLong peakRss = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleRss(peakRss));

        Path fast = Files.createTempDirectory("gleaner-bench-fast");
        GleanerConfig unthrottled = TestApp.config(fast)
                .withCrawl(c -> c.withWorkers(16))
                .withPoliteness(p -> new PolitenessConfig(16, Duration.ZERO));
        try (TestApp app = TestApp.start(unthrottled, model);
                TestSite site = TestSite.withGeneratedSite(pages)) {
            Kb kb = Kb.create(app.newOwner());
            long start = System.nanoTime();
            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("url", site.siteUrl().toString(), "limit", pages)), Duration.ofHours(1));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "politeness off: %d pages (%d done, %d failed) in %.1f s = %.1f pages/s; peak RSS %d MiB%n",
                    job.path("total").asLong(),
                    job.path("done").asLong(),
                    job.path("failed").asLong(),
                    seconds,
                    job.path("done").asLong() / seconds,
                    peakRss.get() / (1024 * 1024));
        }

        Path polite = Files.createTempDirectory("gleaner-bench-polite");
        GleanerConfig defaults = TestApp.config(polite)
                .withCrawl(c -> c.withWorkers(16))
                .withPoliteness(p -> new PolitenessConfig(DEFAULT_PER_SERVER, DEFAULT_CRAWL_DELAY));
        try (TestApp app = TestApp.start(defaults, model);
                TestSite site = TestSite.withGeneratedSite(politePages)) {
            Kb kb = Kb.create(app.newOwner());
            kb.awaitFinished(kb.crawl(Map.of("url", site.siteUrl().toString())), Duration.ofHours(1));
            List<Instant> requests = site.requests().stream()
                    .filter(r -> r.pathAndQuery().startsWith("/site/"))
                    .map(TestSite.Request::at)
                    .toList();
            double span =
                    Duration.between(requests.getFirst(), requests.getLast()).toMillis() / 1000.0;
            System.out.printf(
                    Locale.ROOT,
                    "default politeness (%d ms between requests, %d in flight per server): the site saw %d page"
                            + " requests in %.1f s = %.2f requests/s%n",
                    DEFAULT_CRAWL_DELAY.toMillis(),
                    DEFAULT_PER_SERVER,
                    requests.size(),
                    span,
                    (requests.size() - 1) / span);
        }
        sampler.interrupt();
        System.out.printf(
                Locale.ROOT,
                "peak RSS of the benchmark process (app, model and test site): %d MiB%n",
                peakRss.get() / (1024 * 1024));
        System.exit(0);
    }

    private static void sampleRss(AtomicLong peak) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        peak.accumulateAndGet(kib * 1024, Math::max);
                    }
                }
                Thread.sleep(200);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }
}
