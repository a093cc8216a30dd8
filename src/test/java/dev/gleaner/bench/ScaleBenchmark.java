package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.Ids;
import dev.gleaner.bench.ScratchPostgres.DatabaseActivity;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.Project;
import dev.gleaner.config.CrawlConfig;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.PolitenessConfig;
import dev.gleaner.config.StoreConfig;
import dev.gleaner.config.StoreSetting;
import dev.gleaner.index.FollowerSettings;
import dev.gleaner.index.IndexFollower;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.MiniLmEmbedder;
import dev.gleaner.ingest.StoredFile;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlCatalogStore;
import dev.gleaner.store.SqlChangeFeed;
import dev.gleaner.store.SqlDatasetStore;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What running several Gleaner processes on one PostgreSQL database costs and gives, measured on this machine:
 *
 * <ol>
 *   <li><b>Index lag</b>: while process A crawls a loopback site (politeness off, no model), how long after a chunk
 *       change commits process B's index has applied it. B's {@code GET /health} ({@code index.position}) is sampled
 *       every 2 ms and the moment each feed position is first seen there is compared with the change's {@code
 *       index_changes.changed_at} (the database's clock, written by the committing transaction's last statement); with
 *       {@code --index-poll-ms} 200 (the default) and 50 on B.
 *   <li><b>Start-up with a 100,000-chunk index</b>: chunks with random 384-dimension vectors are stored directly
 *       through {@link SqlDatasetStore}; then the index is opened ({@link LuceneIndex#open} and {@link
 *       IndexFollower#open}) (a) rebuilt from scratch (no index directory), (b) resuming from a committed position
 *       with 1,000 changes to apply (a chunk disabled in each of 1,000 pages); and a whole process is started
 *       resuming in case (b).
 *   <li><b>Pages/s, one process with 16 workers vs two with 8 each</b> on the same site, with no model and with the
 *       bundled all-MiniLM-L6-v2, and the ratio two/one.
 *   <li><b>PostgreSQL work per ingested page</b> in those no-model crawls: transactions ({@code pg_stat_database}),
 *       rows written and index/sequential scans ({@code pg_stat_user_tables}) between just before the crawl and after
 *       the processes closed (so every backend has reported its counters), less the benchmark's own reads.
 *   <li><b>Crawl stage alone vs the full pipeline</b>: one process with 16 workers on SQLite crawling a 1,000-page
 *       loopback site with no model, then with the bundled model.
 * </ol>
 *
 * <p>A "process" is an {@link dev.gleaner.cli.Application} in this JVM with its own data directory and search index;
 * processes share the heap and the CPU, and each PostgreSQL section runs on a scratch database of its own, {@code
 * gleaner_bench_…}, created on the server {@code GLEANER_BENCH_POSTGRES} names (default the local {@code test}
 * database's server) and dropped after it. Politeness is off (no crawl delay, 16 requests in flight per server).
 * Prints progress, then a table of the numbers and what each means.
 *
 * <p>Usage: {@code bin/bench scale [--lag-pages N] [--chunks N] [--changes N] [--pages N] [--crawl-pages N]
 * [--no-model-only] [--only lag,startup,processes,crawl]} (defaults 300, 100,000, 1,000, 400, 1,000; every section).
 */
public final class ScaleBenchmark {
    private static final Duration DEFAULT_INDEX_POLL = Duration.ofMillis(StoreSetting.INDEX_POLL_MS.defaultLong());
    private static final Duration FAST_INDEX_POLL = Duration.ofMillis(50);
    private static final Duration HEALTH_SAMPLE_INTERVAL = Duration.ofMillis(2);
    private static final Duration JOB_POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration CRAWL_TIMEOUT = Duration.ofMinutes(30);
    /** Longer than PostgreSQL's 10 s delay in reporting an idle backend's counters, so start-up work is reported. */
    private static final Duration COUNTERS_SETTLE = Duration.ofMillis(11_500);

    private static final int ALL_WORKERS = 16;
    private static final int LAG_WRITER_WORKERS = 8;
    private static final int LAG_FOLLOWER_WORKERS = 1;
    private static final int CHUNKS_PER_STORED_DATASET = 100;
    private static final int CHUNKS_PER_CHANGED_PAGE = 5;
    private static final int WORDS_PER_CHUNK = 60;
    private static final int STORE_THREADS = 4;
    private static final List<String> SECTIONS = List.of("lag", "startup", "processes", "crawl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> meanings = new ArrayList<>();

    private ScaleBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String adminUrl = System.getenv().getOrDefault("GLEANER_BENCH_POSTGRES", ScratchPostgres.DEFAULT_ADMIN_URL);
        if (adminUrl.isBlank()) {
            adminUrl = ScratchPostgres.DEFAULT_ADMIN_URL;
        }
        new ScaleBenchmark(options).run(adminUrl);
        System.exit(0);
    }

    private void run(String adminUrl) throws Exception {
        long start = System.nanoTime();
        String loadAtStart = loadAverage();
        printMachine(adminUrl, loadAtStart);
        // Each PostgreSQL section on a database of its own, so that one's rows never weigh on another's numbers.
        if (options.runs("lag")) {
            try (ScratchPostgres database = ScratchPostgres.create(adminUrl)) {
                indexLag(database);
            }
        }
        if (options.runs("startup")) {
            try (ScratchPostgres database = ScratchPostgres.create(adminUrl)) {
                startUp(database);
            }
        }
        if (options.runs("processes")) {
            try (ScratchPostgres database = ScratchPostgres.create(adminUrl)) {
                oneProcessVsTwo(database);
            }
        }
        if (options.runs("crawl")) {
            crawlStageVsPipeline();
        }
        printTable(Duration.ofNanos(System.nanoTime() - start), loadAtStart);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. Index lag

    private void indexLag(ScratchPostgres database) throws Exception {
        section("1. Index lag: a change committed by process A, applied by process B's index");
        Path root = Files.createTempDirectory("gleaner-bench-lag");
        try (TestSite site = TestSite.withGeneratedSite(options.lagPages());
                TestApp writer = TestApp.start(
                        processConfig(root.resolve("a"), database.url(), LAG_WRITER_WORKERS, DEFAULT_INDEX_POLL),
                        List.of(new NoModelEmbedder()))) {
            TestApi api = writer.newOwner();
            for (Duration poll : List.of(DEFAULT_INDEX_POLL, FAST_INDEX_POLL)) {
                try (TestApp follower = TestApp.start(
                        processConfig(root.resolve("b-" + poll.toMillis()), database.url(), LAG_FOLLOWER_WORKERS, poll),
                        List.of(new NoModelEmbedder()))) {
                    LagRun run = measureLag(database, api, follower.port(), site);
                    progress(
                            "--index-poll-ms %d: %d changes while A crawled %d pages in %.1f s (%.1f changes/s);"
                                    + " lag p50 %d ms, p99 %d ms, max %d ms",
                            poll.toMillis(),
                            run.lagsMillis().length,
                            run.pages(),
                            run.seconds(),
                            run.lagsMillis().length / run.seconds(),
                            percentile(run.lagsMillis(), 0.50),
                            percentile(run.lagsMillis(), 0.99),
                            percentile(run.lagsMillis(), 1.0));
                    progress(
                            "  B's /health read %d times (every %.1f ms); its position moved %d times, %.1f changes"
                                    + " at a time",
                            run.samples(),
                            run.seconds() * 1000 / Math.max(1, run.samples()),
                            run.advances(),
                            run.lagsMillis().length / (double) Math.max(1, run.advances()));
                    rows.add(new Row(
                            String.format(
                                    Locale.ROOT,
                                    "index lag, commit on A → applied on B, --index-poll-ms %d (%d changes,"
                                            + " %.0f changes/s)",
                                    poll.toMillis(),
                                    run.lagsMillis().length,
                                    run.lagsMillis().length / run.seconds()),
                            String.format(
                                    Locale.ROOT,
                                    "p50 %d ms, p99 %d ms, max %d ms",
                                    percentile(run.lagsMillis(), 0.50),
                                    percentile(run.lagsMillis(), 0.99),
                                    percentile(run.lagsMillis(), 1.0))));
                }
            }
        }
        meanings.add("Index lag: for each chunk change (a page stored) while process A ("
                + LAG_WRITER_WORKERS
                + " workers) crawled a loopback site, the time from its commit in PostgreSQL to the moment process"
                + " B's index had applied it and could answer queries with it; B reads the change feed every"
                + " --index-poll-ms, so the lag is about half that interval plus the time to read and apply a batch."
                + " B ran one crawl worker of its own (a process needs at least one), so a few pages were B's own.");
    }

    private LagRun measureLag(ScratchPostgres database, TestApi api, int followerPort, TestSite site) throws Exception {
        Kb kb = Kb.create(api);
        long before = database.feedHead();
        try (HealthSampler sampler = HealthSampler.start(followerPort, before)) {
            long start = System.nanoTime();
            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("url", site.siteUrl().toString(), "limit", options.lagPages())), CRAWL_TIMEOUT);
            double seconds = (System.nanoTime() - start) / 1e9;
            long head = database.feedHead();
            if (!sampler.awaitPosition(head, Duration.ofMinutes(1))) {
                throw new IllegalStateException("process B never reached position " + head);
            }
            Map<Long, Long> committedAt = database.changeTimes(before, head);
            long[] lags = committedAt.entrySet().stream()
                    .mapToLong(change -> sampler.firstSeenMillis(change.getKey()) - change.getValue())
                    .sorted()
                    .toArray();
            return new LagRun(job.path("done").asLong(), seconds, lags, sampler.advances(), sampler.samples());
        }
    }

    /** One crawl's changes: pages done, the crawl's seconds, each change's lag in ms (sorted). */
    @SuppressWarnings("ArrayRecordComponent") // a result carrier, never compared
    private record LagRun(long pages, double seconds, long[] lagsMillis, int advances, int samples) {}

    /**
     * Samples a process's {@code GET /health} on its own thread and records, for each change feed position after the
     * start, when the process's index was first seen at or past it (wall clock, ms).
     */
    private static final class HealthSampler implements AutoCloseable {
        private final HttpClient client = HttpClient.newHttpClient();
        private final HttpRequest request;
        private final Map<Long, Long> firstSeen = new HashMap<>();
        private final Thread thread;
        private volatile long position;
        private volatile boolean stopped;
        private volatile int advances;
        private volatile int samples;

        private HealthSampler(int port, long startPosition) {
            this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .build();
            this.position = startPosition;
            this.thread =
                    Thread.ofPlatform().name("bench-health-sampler").daemon().unstarted(this::sample);
        }

        static HealthSampler start(int port, long startPosition) {
            HealthSampler sampler = new HealthSampler(port, startPosition);
            sampler.thread.start();
            return sampler;
        }

        private void sample() {
            while (!stopped) {
                try {
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long now = System.currentTimeMillis();
                    long seen = JSON.readTree(response.body())
                            .path("index")
                            .path("position")
                            .asLong();
                    long last = position;
                    samples++;
                    if (seen > last) {
                        advances++;
                        synchronized (firstSeen) {
                            for (long p = last + 1; p <= seen; p++) {
                                firstSeen.put(p, now);
                            }
                        }
                        position = seen;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    return;
                }
                LockSupport.parkNanos(HEALTH_SAMPLE_INTERVAL.toNanos());
            }
        }

        boolean awaitPosition(long target, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (position < target) {
                if (System.nanoTime() > deadline || !thread.isAlive()) {
                    return false;
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            return true;
        }

        /** Times the process's position was seen to move forward. */
        int advances() {
            return advances;
        }

        /** Times {@code /health} was read. */
        int samples() {
            return samples;
        }

        long firstSeenMillis(long feedPosition) {
            synchronized (firstSeen) {
                Long at = firstSeen.get(feedPosition);
                if (at == null) {
                    throw new IllegalStateException("position " + feedPosition + " was never seen");
                }
                return at;
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.join(Duration.ofSeconds(5));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. Start-up with a large index

    private void startUp(ScratchPostgres scratch) throws Exception {
        int changes = options.changes();
        long pageChunks = (long) changes * CHUNKS_PER_CHANGED_PAGE;
        int largeDatasets = (int) Math.max(0, (options.indexChunks() - pageChunks) / CHUNKS_PER_STORED_DATASET);
        long total = (long) largeDatasets * CHUNKS_PER_STORED_DATASET + pageChunks;
        section(String.format(Locale.ROOT, "2. Start-up with a %,d-chunk index", total));
        Path root = Files.createTempDirectory("gleaner-bench-startup");
        Path indexOnly = root.resolve("index");
        Path processDir = root.resolve("process");
        FollowerSettings settings = new FollowerSettings(
                DEFAULT_INDEX_POLL,
                Duration.ofMillis(StoreSetting.INDEX_WAIT_MS.defaultLong()),
                StoreSetting.INDEX_LOG_KEEP.defaultLong(),
                Duration.ofHours(1));
        try (Database database = Database.postgres(scratch.url())) {
            SqlDatasetStore datasets = new SqlDatasetStore(database);
            Knowledgebase kb = storedKnowledgebase(database);
            long storeStart = System.nanoTime();
            storeDatasets(datasets, kb, largeDatasets, CHUNKS_PER_STORED_DATASET, 1);
            List<StoredChunk> pages = storeDatasets(datasets, kb, changes, CHUNKS_PER_CHANGED_PAGE, 2);
            progress(
                    "stored %,d chunks (%,d datasets of %d and %,d of %d, random 384-d vectors) in %.1f s",
                    total,
                    largeDatasets,
                    CHUNKS_PER_STORED_DATASET,
                    changes,
                    CHUNKS_PER_CHANGED_PAGE,
                    (System.nanoTime() - storeStart) / 1e9);

            IndexOpening rebuilt = openIndex(indexOnly, database, settings);
            progress(
                    "index rebuilt from scratch (%s, no index directory): %.1f s, %,d chunks, committed at position %d",
                    rebuilt.openedBy(), rebuilt.seconds(), rebuilt.chunks(), rebuilt.position());
            copyDirectory(indexOnly, processDir.resolve("index"));

            // One change per page: a chunk disabled, so applying it re-indexes the page's chunks.
            for (StoredChunk page : pages) {
                datasets.setChunkEnabled(page.datasetId(), page.chunkId(), false);
            }
            progress(
                    "disabled a chunk in each of the %,d pages of %d chunks: %,d changes after the committed"
                            + " position",
                    changes, CHUNKS_PER_CHANGED_PAGE, changes);

            IndexOpening resumed = openIndex(indexOnly, database, settings);
            progress(
                    "index resumed (%s): %.2f s, %,d changes applied, %,d chunks",
                    resumed.openedBy(), resumed.seconds(), resumed.applied(), resumed.chunks());

            long processStart = System.nanoTime();
            double processSeconds;
            try (TestApp process = TestApp.start(
                    processConfig(processDir, scratch.url(), ALL_WORKERS, DEFAULT_INDEX_POLL),
                    List.of(new NoModelEmbedder()))) {
                processSeconds = (System.nanoTime() - processStart) / 1e9;
                progress(
                        "whole process started, resuming a copy of the same index: %.2f s (port %d)",
                        processSeconds, process.port());
            }

            rows.add(new Row(
                    String.format(
                            Locale.ROOT,
                            "start-up, %,d-chunk index resuming from its committed position, %,d changes to apply"
                                    + " (index only / whole process)",
                            total,
                            changes),
                    String.format(Locale.ROOT, "%.1f s / %.1f s", resumed.seconds(), processSeconds)));
            rows.add(new Row(
                    String.format(
                            Locale.ROOT, "start-up, %,d-chunk index rebuilt from scratch (no index directory)", total),
                    String.format(Locale.ROOT, "%.1f s", rebuilt.seconds())));
        }
        meanings.add("Start-up: the time to open the search index and bring it in step with the store before a"
                + " process serves. Resuming reads only the changes after the position the index last committed"
                + " (here " + changes + " changes, each a chunk disabled in a page of " + CHUNKS_PER_CHANGED_PAGE
                + " chunks, which re-indexes the page); the whole-process figure adds the database pool, the"
                + " migrations check, the API and the workers. Rebuilding reads every chunk and its vector from"
                + " PostgreSQL and builds the vector graph again: what a new process, a lost index or one behind the"
                + " pruned feed pays.");
    }

    private static Knowledgebase storedKnowledgebase(Database database) {
        SqlCatalogStore catalog = new SqlCatalogStore(database);
        Instant now = Instant.now();
        Project project = new Project(Ids.next("proj"), "owner_bench", "Scale benchmark", now, now);
        catalog.insertProject(project);
        Knowledgebase kb = new Knowledgebase(
                Ids.next("kb"), project.id(), "Start-up", "lucene", MiniLmEmbedder.MODEL_NAME, 400, 40, now, now, 0, 0);
        catalog.insertKnowledgebase(kb);
        return kb;
    }

    /**
     * Stores {@code count} datasets of {@code chunksEach} chunks, from a few threads as crawl workers would; returns
     * the first chunk of each.
     */
    private static List<StoredChunk> storeDatasets(
            SqlDatasetStore store, Knowledgebase kb, int count, int chunksEach, long seed) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(STORE_THREADS);
        try {
            List<Future<List<StoredChunk>>> running = new ArrayList<>();
            for (int t = 0; t < STORE_THREADS; t++) {
                int thread = t;
                running.add(threads.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed * 1_000 + thread);
                    List<StoredChunk> firsts = new ArrayList<>();
                    for (int i = thread; i < count; i += STORE_THREADS) {
                        firsts.add(storeDataset(store, kb, chunksEach, random));
                    }
                    return firsts;
                }));
            }
            List<StoredChunk> firsts = new ArrayList<>();
            for (Future<List<StoredChunk>> done : running) {
                firsts.addAll(done.get());
            }
            return firsts;
        } finally {
            threads.shutdownNow();
        }
    }

    /** A stored chunk by its dataset and id. */
    private record StoredChunk(String datasetId, String chunkId) {}

    private static StoredChunk storeDataset(
            SqlDatasetStore store, Knowledgebase kb, int chunkCount, SplittableRandom random) {
        Instant now = Instant.now();
        String id = Ids.next("dataset");
        String url = "https://bench.example/" + id + ".html";
        Dataset dataset = Dataset.builder()
                .id(id)
                .knowledgebaseId(kb.id())
                .filename(id + ".html")
                .fileUrl(url)
                .sourceUrl(url)
                .title("Page " + id)
                .extensionType("html")
                .size(4_000)
                .parsed(true)
                .contentHash("sha256:" + id)
                .chunkCount(chunkCount)
                .createdAt(now)
                .updatedAt(now)
                .build();
        List<EmbeddedChunk> chunks = new ArrayList<>(chunkCount);
        for (int i = 0; i < chunkCount; i++) {
            Chunk chunk = new Chunk(
                    Ids.next("chunk"), id, kb.id(), i, words(random), List.of("Page " + id, "Section " + i), true);
            chunks.add(new EmbeddedChunk(chunk, NoModelEmbedder.randomUnitVector(random, MiniLmEmbedder.DIMENSIONS)));
        }
        store.insert(
                dataset,
                chunks,
                new StoredFile(
                        "text/html; charset=utf-8", ("<html>" + id + "</html>").getBytes(StandardCharsets.UTF_8)));
        return new StoredChunk(id, chunks.getFirst().chunk().id());
    }

    /** About 400 characters of words from a 2,000-word made-up vocabulary, some far more frequent than others. */
    private static String words(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < WORDS_PER_CHUNK; i++) {
            int rank = (int) Math.min(1_999, Math.floor(Math.pow(2_000, random.nextDouble())) - 1);
            text.append(i == 0 ? "" : " ").append("w").append(Integer.toString(rank * 7_919 % 46_656, 36));
        }
        return text.toString();
    }

    /** Opens the index in {@code directory} as a process does, timing it, then closes it (which commits). */
    private static IndexOpening openIndex(Path directory, Database database, FollowerSettings settings) {
        long start = System.nanoTime();
        LuceneIndex index = LuceneIndex.open(directory);
        try (IndexFollower follower = IndexFollower.open(
                index,
                index.needsRebuild(),
                new SqlChangeFeed(database),
                settings,
                Ids.next("proc"),
                Clock.systemUTC())) {
            double seconds = (System.nanoTime() - start) / 1e9;
            follower.commit();
            return new IndexOpening(
                    seconds,
                    follower.openedBy().rebuild() ? "rebuilt" : "resumed",
                    follower.appliedChanges(),
                    index.size(),
                    follower.position());
        } finally {
            index.close();
        }
    }

    private record IndexOpening(double seconds, String openedBy, long applied, long chunks, long position) {}

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3 and 4. One process with 16 workers vs two with 8, and PostgreSQL work per page

    private void oneProcessVsTwo(ScratchPostgres database) throws Exception {
        section("3. Pages/s: one process with 16 workers vs two processes with 8 each (PostgreSQL)");
        List<EmbedderKind> kinds = options.withModel()
                ? List.of(EmbedderKind.NO_MODEL, EmbedderKind.BUNDLED_MODEL)
                : List.of(EmbedderKind.NO_MODEL);
        try (TestSite site = TestSite.withGeneratedSite(options.pages())) {
            for (EmbedderKind kind : kinds) {
                boolean countWork = kind == EmbedderKind.NO_MODEL;
                CrawlRun one = crawlWithProcesses(database, site, List.of(ALL_WORKERS), kind, countWork);
                CrawlRun two =
                        crawlWithProcesses(database, site, List.of(ALL_WORKERS / 2, ALL_WORKERS / 2), kind, countWork);
                double ratio = two.pagesPerSecond() / one.pagesPerSecond();
                rows.add(new Row(
                        String.format(
                                Locale.ROOT,
                                "pages/s, %d-page site, %s: 1 process × 16 workers / 2 processes × 8 workers",
                                options.pages(),
                                kind.label()),
                        String.format(
                                Locale.ROOT,
                                "%.1f / %.1f (two/one = %.0f %%)",
                                one.pagesPerSecond(),
                                two.pagesPerSecond(),
                                100 * ratio)));
                if (countWork) {
                    addWorkRow(one, "1 process");
                    addWorkRow(two, "2 processes");
                }
            }
        }
        meanings.add("Pages/s one vs two: the same site crawled by one process with 16 workers, then by two"
                + " processes with 8 each sharing the job through the database's frontier; two/one near 100 % means"
                + " splitting the workers over processes costs nothing in coordination. With the model, both share"
                + " the same two cores, so the embedding rate bounds both.");
        meanings.add("PostgreSQL work per page: counted by the server for the scratch database over a whole no-model"
                + " crawl (idle polling of the frontier, the change feed and the job feed included), divided by the"
                + " pages done; rows written are inserts + updates + deletes over every table.");
    }

    private void addWorkRow(CrawlRun run, String processes) {
        DatabaseActivity work = run.work();
        if (work == null) {
            return;
        }
        double pages = run.pages();
        List<Map.Entry<String, Long>> heaviest = work.rowsWrittenByTable().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .toList();
        StringBuilder byTable = new StringBuilder();
        for (Map.Entry<String, Long> table : heaviest) {
            byTable.append(byTable.isEmpty() ? "" : ", ")
                    .append(table.getKey())
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.1f", table.getValue() / pages));
        }
        progress("%s: rows written per page by table: %s", processes, byTable);
        rows.add(new Row(
                String.format(
                        Locale.ROOT,
                        "PostgreSQL work per ingested page, no model, %s (%d pages, %.1f chunks/page)",
                        processes,
                        run.pages(),
                        run.chunks() / pages),
                String.format(
                        Locale.ROOT,
                        "%.1f transactions, %.1f rows written (%.1f ins, %.1f upd, %.1f del), %.1f index scans,"
                                + " %.2f sequential scans",
                        work.transactions() / pages,
                        work.rowsWritten() / pages,
                        work.rowsInserted() / pages,
                        work.rowsUpdated() / pages,
                        work.rowsDeleted() / pages,
                        work.indexScans() / pages,
                        work.sequentialScans() / pages)));
    }

    private CrawlRun crawlWithProcesses(
            ScratchPostgres database, TestSite site, List<Integer> workers, EmbedderKind kind, boolean countWork)
            throws Exception {
        Path root = Files.createTempDirectory("gleaner-bench-processes");
        List<TestApp> processes = new ArrayList<>();
        boolean closed = false;
        try {
            for (int i = 0; i < workers.size(); i++) {
                processes.add(TestApp.start(
                        processConfig(root.resolve("p" + i), database.url(), workers.get(i), DEFAULT_INDEX_POLL),
                        List.of(kind.create())));
            }
            Kb kb = Kb.create(processes.get(0).newOwner());
            if (countWork) {
                Thread.sleep(COUNTERS_SETTLE.toMillis());
            }
            DatabaseActivity before = countWork ? database.activity() : null;
            long start = System.nanoTime();
            String jobId = kb.crawl(Map.of("url", site.siteUrl().toString(), "limit", options.pages()));
            JobWatch watch = awaitJob(database, jobId);
            double seconds = (System.nanoTime() - start) / 1e9;
            DatabaseActivity work = null;
            if (before != null) {
                processes.forEach(TestApp::close);
                closed = true;
                Thread.sleep(1_000); // the closed backends report their counters as they exit
                // Less the benchmark's own reads: the job polls (one transaction and index scan each) and the two
                // statements that read the counters before.
                work = database.activity().since(before).withoutBenchmarkReads(watch.polls() + 2, watch.polls());
            }
            long chunks = chunksOf(database, kb.id());
            CrawlRun run = new CrawlRun(watch.done(), watch.failed(), chunks, seconds, work);
            progress(
                    "%s, %s: %d pages (%d failed, %d chunks) in %.1f s = %.1f pages/s",
                    workers.size() == 1
                            ? "1 process × " + workers.get(0)
                            : workers.size() + " processes × " + workers.get(0),
                    kind.label(),
                    run.pages(),
                    run.failed(),
                    run.chunks(),
                    run.seconds(),
                    run.pagesPerSecond());
            return run;
        } finally {
            if (!closed) {
                processes.forEach(TestApp::close);
            }
        }
    }

    /** Waits for the job to finish by reading its row every 50 ms on a connection of its own; counts the reads. */
    private static JobWatch awaitJob(ScratchPostgres database, String jobId) throws SQLException {
        long deadline = System.nanoTime() + CRAWL_TIMEOUT.toNanos();
        int polls = 0;
        try (Connection connection = database.connect();
                PreparedStatement select =
                        connection.prepareStatement("SELECT finished_at, done, failed FROM jobs WHERE id = ?")) {
            select.setString(1, jobId);
            while (System.nanoTime() < deadline) {
                polls++;
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        row.getLong(1);
                        if (!row.wasNull()) {
                            return new JobWatch(row.getLong(2), row.getLong(3), polls);
                        }
                    }
                }
                LockSupport.parkNanos(JOB_POLL_INTERVAL.toNanos());
            }
        }
        throw new IllegalStateException("job " + jobId + " did not finish within " + CRAWL_TIMEOUT);
    }

    private record JobWatch(long done, long failed, int polls) {}

    private static long chunksOf(ScratchPostgres database, String knowledgebaseId) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement select =
                        connection.prepareStatement("SELECT COUNT(*) FROM chunks WHERE knowledgebase_id = ?")) {
            select.setString(1, knowledgebaseId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** One timed crawl: pages done and failed, chunks stored, seconds, and the database work when it was counted. */
    private record CrawlRun(long pages, long failed, long chunks, double seconds, @Nullable DatabaseActivity work) {
        double pagesPerSecond() {
            return pages / seconds;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 5. Crawl stage alone vs full pipeline

    private void crawlStageVsPipeline() throws Exception {
        section("5. Crawl stage alone vs full pipeline (one process, 16 workers, SQLite)");
        List<EmbedderKind> kinds = options.withModel()
                ? List.of(EmbedderKind.NO_MODEL, EmbedderKind.BUNDLED_MODEL)
                : List.of(EmbedderKind.NO_MODEL);
        Map<EmbedderKind, Double> rates = new HashMap<>();
        try (TestSite site = TestSite.withGeneratedSite(options.crawlPages())) {
            for (EmbedderKind kind : kinds) {
                Path data = Files.createTempDirectory("gleaner-bench-stage");
                try (TestApp process = TestApp.start(
                        processConfig(data, null, ALL_WORKERS, DEFAULT_INDEX_POLL), List.of(kind.create()))) {
                    Kb kb = Kb.create(process.newOwner());
                    long start = System.nanoTime();
                    JsonNode job = kb.awaitFinished(
                            kb.crawl(Map.of("url", site.siteUrl().toString(), "limit", options.crawlPages())),
                            CRAWL_TIMEOUT);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long done = job.path("done").asLong();
                    rates.put(kind, done / seconds);
                    progress(
                            "%s: %d pages (%d failed) in %.1f s = %.1f pages/s",
                            kind.label(), done, job.path("failed").asLong(), seconds, done / seconds);
                }
            }
        }
        String result = kinds.stream()
                .map(kind -> String.format(Locale.ROOT, "%.1f", rates.get(kind)))
                .reduce((a, b) -> a + " / " + b)
                .orElse("");
        rows.add(new Row(
                String.format(
                        Locale.ROOT,
                        "pages/s, %,d-page site, 1 process × 16 workers, SQLite: %s",
                        options.crawlPages(),
                        kinds.size() == 2 ? "no model / all-MiniLM-L6-v2" : "no model"),
                result));
        meanings.add("Crawl stage vs full pipeline: the same 1,000-page loopback site crawled by one process on SQLite"
                + " with no model (fetch, extract, chunk, store, index: what the crawl stage can do) and with the"
                + " bundled all-MiniLM-L6-v2 model (the full pipeline); the gap is the model's cost on these cores.");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shared

    /** A process on 127.0.0.1, port 0, with politeness off and the production defaults otherwise. */
    private static GleanerConfig processConfig(
            Path dataDir, @Nullable String databaseUrl, int workers, Duration indexPoll) {
        StoreConfig store = new StoreConfig(dataDir, databaseUrl);
        return TestApp.config(dataDir)
                .withStore(s -> store.withIndexFeed(indexPoll, store.indexWait(), store.indexLogKeep()))
                .withCrawl(c -> CrawlConfig.defaults().withWorkers(workers))
                .withPoliteness(p -> new PolitenessConfig(ALL_WORKERS, Duration.ZERO));
    }

    /** The embedders compared: none (what everything but the model costs) and the bundled model. */
    private enum EmbedderKind {
        NO_MODEL("no model", NoModelEmbedder::new),
        BUNDLED_MODEL("all-MiniLM-L6-v2", MiniLmEmbedder::new);

        private final String label;
        private final Supplier<Embedder> factory;

        EmbedderKind(String label, Supplier<Embedder> factory) {
            this.label = label;
            this.factory = factory;
        }

        String label() {
            return label;
        }

        /** A new instance: each process loads its own, as separate processes would. */
        Embedder create() {
            return factory.get();
        }
    }

    private void printMachine(String adminUrl, String loadAtStart) throws SQLException {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "Gleaner scale-out benchmark, %s%n"
                        + "machine: %d cores (%s), %s RAM; load average at start %s%n"
                        + "  (a 2-core machine that other work may be using at the same time: numbers are indicative)%n"
                        + "JVM: %s %s, max heap %d MiB%n"
                        + "PostgreSQL %s on 127.0.0.1; each section on a scratch database gleaner_bench_…,"
                        + " dropped after it%n"
                        + "a \"process\" below is an Application instance in this JVM with its own data directory and"
                        + " search index; processes share this JVM's heap and CPU and the one PostgreSQL database%n"
                        + "politeness off: no crawl delay, %d requests in flight per server; sites on 127.0.0.1%n",
                LocalDate.now(ZoneOffset.UTC),
                runtime.availableProcessors(),
                cpuModel(),
                memTotal(),
                loadAtStart,
                System.getProperty("java.vm.name"),
                Runtime.version(),
                runtime.maxMemory() / (1024 * 1024),
                ScratchPostgres.serverVersion(adminUrl),
                ALL_WORKERS);
    }

    private void printTable(Duration elapsed, String loadAtStart) {
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Results (%s; %d cores; load average %s at start, %s at the end; %.1f min in all)%n%n",
                LocalDate.now(ZoneOffset.UTC),
                Runtime.getRuntime().availableProcessors(),
                loadAtStart,
                loadAverage(),
                elapsed.toMillis() / 60_000.0);
        System.out.println("| measurement | result |");
        System.out.println("|---|---|");
        for (Row row : rows) {
            System.out.println("| " + row.measurement() + " | " + row.result() + " |");
        }
        System.out.println();
        System.out.println("What the numbers mean:");
        for (String meaning : meanings) {
            System.out.println("- " + meaning);
        }
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static void progress(String format, Object... values) {
        System.out.printf(Locale.ROOT, "  " + format + "%n", values);
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", Arrays.copyOf(fields, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / (1024 * 1024) + " GiB")
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One line of the results table. */
    private record Row(String measurement, String result) {}

    /**
     * The sizes and sections of a run.
     *
     * @param lagPages pages of the crawl during which index lag is measured
     * @param indexChunks chunks of the index whose start-up is timed
     * @param changes changes the resuming index applies at start-up
     * @param pages pages of the one-process vs two-processes crawls
     * @param crawlPages pages of the crawl-stage vs full-pipeline crawls
     * @param withModel whether to run the crawls with the bundled model too
     * @param sections which sections to run
     */
    private record Options(
            int lagPages,
            int indexChunks,
            int changes,
            int pages,
            int crawlPages,
            boolean withModel,
            Set<String> sections) {
        static Options parse(String[] args) {
            int lagPages = 300;
            int indexChunks = 100_000;
            int changes = 1_000;
            int pages = 400;
            int crawlPages = 1_000;
            boolean withModel = true;
            Set<String> sections = new LinkedHashSet<>(SECTIONS);
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--lag-pages" -> lagPages = Integer.parseInt(args[++i]);
                    case "--chunks" -> indexChunks = Integer.parseInt(args[++i]);
                    case "--changes" -> changes = Integer.parseInt(args[++i]);
                    case "--pages" -> pages = Integer.parseInt(args[++i]);
                    case "--crawl-pages" -> crawlPages = Integer.parseInt(args[++i]);
                    case "--no-model-only" -> withModel = false;
                    case "--only" -> {
                        sections = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                        if (!SECTIONS.containsAll(sections)) {
                            throw new IllegalArgumentException("--only takes some of " + SECTIONS);
                        }
                    }
                    default ->
                        throw new IllegalArgumentException("Unknown argument " + args[i]
                                + "; usage: bin/bench scale [--lag-pages N] [--chunks N] [--changes N] [--pages N]"
                                + " [--crawl-pages N] [--no-model-only] [--only lag,startup,processes,crawl]");
                }
            }
            return new Options(lagPages, indexChunks, changes, pages, crawlPages, withModel, Set.copyOf(sections));
        }

        boolean runs(String section) {
            return sections.contains(section);
        }
    }

    static {
        // Keep the processes' own logs (index rebuilt, keys issued) out of the numbers unless asked for.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }
}
