package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.MiniLmEmbedder;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints Gleaner's headline numbers, measured on this machine with the real embedding model:
 *
 * <ol>
 *   <li>end-to-end pages/s crawling a generated loopback site (fetch, extract, chunk, embed, index, store);
 *   <li>chunks embedded per second by the bundled all-MiniLM-L6-v2 model;
 *   <li>p50/p99 latency of {@code GET …/crawl/jobs} for a knowledgebase with 100 jobs.
 * </ol>
 *
 * Usage: {@code bin/bench [pages] [jobs]} (defaults 200 and 100).
 */
public final class Benchmark {
    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path data = Files.createTempDirectory("gleaner-bench");
        Embedder model = new MiniLmEmbedder();
        embeddingThroughput(model);
        try (TestApp app = TestApp.start(TestApp.config(data), model);
                TestSite site = TestSite.withGeneratedSite(pages)) {
            TestApi api = app.newOwner();
            crawlThroughput(api, site, pages);
            jobsListingLatency(api, site, jobs, app.port());
        }
        System.exit(0);
    }

    private static void embeddingThroughput(Embedder model) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            texts.add(("Chunk " + i + " of the benchmark corpus talks about crawling, politeness, robots.txt, sitemaps"
                            + " and how a knowledgebase turns pages into passages that answer questions. ")
                    .repeat(3));
        }
        model.embed(texts.subList(0, 64)); // warm-up
        long start = System.nanoTime();
        model.embed(texts);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "embedding: %d chunks (~%d chars each) in %.2f s = %.1f chunks/s%n",
                texts.size(),
                texts.get(0).length(),
                seconds,
                texts.size() / seconds);
    }

    private static void crawlThroughput(TestApi api, TestSite site, int pages) {
        Kb kb = Kb.create(api);
        long start = System.nanoTime();
        String jobId = kb.crawl(Map.of("url", site.siteUrl().toString(), "limit", pages));
        JsonNode job = kb.awaitFinished(jobId, Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        long chunks = 0;
        for (JsonNode dataset : kb.datasets()) {
            chunks += dataset.path("chunkCount").asLong();
        }
        System.out.printf(
                Locale.ROOT,
                "crawl: %d pages (%d done, %d failed, %d chunks) in %.2f s = %.1f pages/s end to end%n",
                job.path("total").asLong(),
                job.path("done").asLong(),
                job.path("failed").asLong(),
                chunks,
                seconds,
                job.path("done").asLong() / seconds);
    }

    private static void jobsListingLatency(TestApi api, TestSite site, int jobs, int port) throws Exception {
        Kb kb = Kb.create(api);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(kb.crawl(Map.of("urls", List.of(site.url("/?job=" + i).toString()))));
        }
        ids.forEach(id -> kb.awaitFinished(id, Duration.ofMinutes(5)));
        if (kb.jobs().size() != jobs) { // validated against both OpenAPI documents once
            throw new IllegalStateException("expected " + jobs + " jobs");
        }
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + kb.path() + "/crawl/jobs"))
                .header("Authorization", "Bearer " + api.key())
                .build();
        int samples = 2_000;
        long[] nanos = new long[samples];
        for (int i = -200; i < samples; i++) { // the first 200 warm up
            long start = System.nanoTime();
            java.net.http.HttpResponse<byte[]> response =
                    client.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("status " + response.statusCode());
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "GET crawl/jobs with %d jobs: p50 %.2f ms, p99 %.2f ms over %d requests"
                        + " (client-side, sequential, over loopback)%n",
                jobs,
                nanos[samples / 2] / 1e6,
                nanos[samples * 99 / 100] / 1e6,
                samples);
    }
}
