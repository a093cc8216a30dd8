package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.PolitenessConfig;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.SinglePageApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What rendering pages in the headless Chromium costs: pages/s of crawls of a loopback site of N pages with a job's
 * {@code render} at {@code never}, {@code auto} and {@code always}, on a static site (whose pages {@code auto} leaves
 * alone) and on a single-page application (whose pages {@code auto} renders, and {@code never} reads as one empty
 * shell). Politeness off, the fast hashing embedder (so the numbers are the crawl's and the browser's, not the
 * model's), the default {@code --render-tabs}; after one unmeasured crawl that warms the JVM up.
 *
 * <p>Usage: {@code bin/bench render [pages]} (default 200).
 */
public final class RenderBenchmark {
    private RenderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        // A first crawl warms the JVM (and starts nothing else), so that the first measured one is not its victim.
        run("warm-up", "never", pages, site -> site.siteUrl().toString());
        for (String render : new String[] {"never", "auto", "always"}) {
            run("static site", render, pages, site -> site.siteUrl().toString());
        }
        for (String render : new String[] {"never", "auto"}) {
            run("single-page app", render, pages, site -> SinglePageApp.on(site, pages)
                    .page(1)
                    .toString());
        }
    }

    private static void run(String kind, String render, int pages, Function<TestSite, String> seed) throws Exception {
        Path data = Files.createTempDirectory("gleaner-bench-render");
        GleanerConfig config = TestApp.config(data)
                .withCrawl(c -> c.withWorkers(16))
                .withPoliteness(p -> new PolitenessConfig(16, Duration.ZERO));
        try (TestApp app = TestApp.start(config, Clock.systemUTC());
                TestSite site = TestSite.withGeneratedSite(pages)) {
            Kb kb = Kb.create(app.newOwner());
            long start = System.nanoTime();
            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of(
                            "url",
                            seed.apply(site),
                            "limit",
                            pages,
                            "crawlEntireDomain",
                            true,
                            "maxDepth",
                            100,
                            "sitemap",
                            "skip",
                            "render",
                            render)),
                    Duration.ofHours(1));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%-15s render %-6s: %d pages (%d done, %d failed) in %.1f s = %.1f pages/s%n",
                    kind,
                    render,
                    job.path("total").asLong(),
                    job.path("done").asLong(),
                    job.path("failed").asLong(),
                    seconds,
                    job.path("done").asLong() / seconds);
        }
    }
}
