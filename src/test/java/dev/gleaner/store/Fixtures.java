package dev.gleaner.store;

import dev.gleaner.Ids;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.Project;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.PageValidators;
import dev.gleaner.ingest.StoredFile;
import dev.gleaner.jobs.ClaimPolicy;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.jobs.SkipReason;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Rows and results for store tests. Times are whole milliseconds, as the store keeps them. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.000Z");
    static final Duration LEASE = Duration.ofMinutes(5);
    static final int DIMENSIONS = 8;

    private Fixtures() {}

    /** Claims leasing for {@link #LEASE}, with no pacing gap. */
    static ClaimPolicy policy(int perServerLimit, int maxAttempts) {
        return new ClaimPolicy(LEASE, perServerLimit, maxAttempts, Duration.ZERO);
    }

    static Project project(Stores stores, String ownerId, Instant at) {
        Project project = new Project(Ids.next("proj"), ownerId, "Project " + at, at, at);
        stores.catalog().insertProject(project);
        return project;
    }

    static Knowledgebase knowledgebase(Stores stores, Project project, Instant at) {
        Knowledgebase kb = new Knowledgebase(
                Ids.next("kb"), project.id(), "Docs", "lucene", "all-minilm-l6-v2", 400, 40, at, at, 0, 0);
        stores.catalog().insertKnowledgebase(kb);
        return kb;
    }

    /** A project with one knowledgebase, owned by {@code owner}. */
    static Knowledgebase knowledgebase(Stores stores) {
        return knowledgebase(stores, project(stores, "owner_1", T0), T0);
    }

    static CrawlSpec spec(int limit) {
        return new CrawlSpec(
                JobMode.CRAWL,
                "https://site-a.test/docs/",
                limit,
                3,
                List.of("^/docs/.*"),
                List.of("^/docs/private/.*"),
                false,
                false,
                SitemapPolicy.SKIP,
                true);
    }

    /** A spec of {@code mode} on site-a.test with the given sitemap policy. */
    static CrawlSpec spec(JobMode mode, SitemapPolicy sitemap, int limit) {
        return new CrawlSpec(
                mode,
                mode == JobMode.BATCH ? null : "https://site-a.test/",
                limit,
                3,
                List.of(),
                List.of(),
                false,
                false,
                sitemap,
                false);
    }

    static CrawlJob job(Knowledgebase kb, int limit, Instant at) {
        return job(kb, spec(limit), at);
    }

    static CrawlJob job(Knowledgebase kb, CrawlSpec spec, Instant at) {
        return CrawlJob.queued(Ids.next("job"), kb.projectId(), kb.id(), spec, at);
    }

    /** A job of {@code kb} created with {@code seeds}. */
    static CrawlJob created(Stores stores, Knowledgebase kb, int limit, List<FoundUrl> seeds) {
        return stores.jobs().create(job(kb, limit, T0), seeds);
    }

    static FoundUrl url(String host, String path) {
        return FoundUrl.candidate("https://" + host + path, host + path, host, 1);
    }

    static FoundUrl skipped(String host, String path, SkipReason reason) {
        return new FoundUrl("https://" + host + path, host + path, host, 1, reason);
    }

    /** {@code count} distinct URLs of {@code host}: /p0, /p1, … */
    static List<FoundUrl> urls(String host, int count) {
        List<FoundUrl> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add(url(host, "/p" + i));
        }
        return urls;
    }

    static PageResult.Ingested ingested(Lease lease, int chunkCount, List<FoundUrl> links, Instant at) {
        return ingested(lease.knowledgebaseId(), lease.url(), chunkCount, links, at);
    }

    /** The leased page ingested, recording {@code validators} (and the links they carry) with its dataset. */
    static PageResult.Ingested ingested(Lease lease, int chunkCount, Instant at, PageValidators validators) {
        PageResult.Ingested plain = ingested(lease, chunkCount, List.of(), at);
        return new PageResult.Ingested(
                plain.dataset().toBuilder().validators(validators).build(),
                plain.sourceKey(),
                plain.chunks(),
                plain.original(),
                plain.httpStatus(),
                plain.links());
    }

    static PageResult.Ingested ingested(
            String knowledgebaseId, String url, int chunkCount, List<FoundUrl> links, Instant at) {
        Dataset dataset = dataset(knowledgebaseId, url, chunkCount, at);
        return new PageResult.Ingested(dataset, url, chunks(dataset, chunkCount), original(url), 200, links);
    }

    static Dataset dataset(String knowledgebaseId, String url, long chunkCount, Instant at) {
        return Dataset.builder()
                .id(Ids.next("dataset"))
                .knowledgebaseId(knowledgebaseId)
                .filename("page.html")
                .fileUrl(url)
                .sourceUrl(url)
                .title("Title of " + url)
                .extensionType("html")
                .size(1234)
                .contentHash("sha256:" + url.hashCode())
                .chunkCount(chunkCount)
                .createdAt(at)
                .updatedAt(at)
                .build();
    }

    static StoredFile original(String url) {
        return new StoredFile(
                "text/html; charset=utf-8", ("<html>" + url + "</html>").getBytes(StandardCharsets.UTF_8));
    }

    static List<EmbeddedChunk> chunks(Dataset dataset, int count) {
        Random random = new Random(dataset.id().hashCode());
        List<EmbeddedChunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Chunk chunk = new Chunk(
                    Ids.next("chunk"),
                    dataset.id(),
                    dataset.knowledgebaseId(),
                    i,
                    "Passage " + i + " of " + dataset.fileUrl() + " – «ünïcödé»",
                    List.of("Guide", "Section " + i),
                    i % 3 != 2,
                    i % 2 == 0 ? "section-" + i + "-ünï" : null);
            chunks.add(new EmbeddedChunk(chunk, vector(random)));
        }
        return chunks;
    }

    /** A vector with awkward values among random ones: signed zero, the smallest subnormal, the extremes. */
    static float[] vector(Random random) {
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = random.nextFloat() * 2 - 1;
        }
        vector[0] = -0.0f;
        vector[1] = Float.MIN_VALUE;
        vector[2] = -Float.MAX_VALUE;
        return vector;
    }

    /** The job's frontier rows counted by state, read straight from the table. */
    static Map<String, Long> states(Database database, String jobId) {
        return counts(database, "SELECT state, COUNT(*) FROM frontier WHERE job_id = ? GROUP BY state", jobId);
    }

    /** The job's frontier rows counted by outcome (rows without one under "none"). */
    static Map<String, Long> outcomes(Database database, String jobId) {
        return counts(
                database,
                "SELECT COALESCE(outcome, 'none'), COUNT(*) FROM frontier WHERE job_id = ? GROUP BY outcome",
                jobId);
    }

    private static Map<String, Long> counts(Database database, String sql, String jobId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, jobId);
                Map<String, Long> counts = new TreeMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return counts;
            }
        });
    }

    /** One column of one frontier row, as text (null when SQL NULL). */
    static @org.jspecify.annotations.Nullable String frontierColumn(
            Database database, String jobId, String urlKey, String column) {
        return database.read(connection -> {
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT " + column + " FROM frontier WHERE job_id = ? AND url_key = ?")) {
                        select.setString(1, jobId);
                        select.setString(2, urlKey);
                        try (ResultSet row = select.executeQuery()) {
                            if (!row.next()) {
                                throw new AssertionError("No frontier row " + urlKey);
                            }
                            Object value = row.getObject(1);
                            return java.util.Optional.ofNullable(value).map(String::valueOf);
                        }
                    }
                })
                .orElse(null);
    }

    /** How many rows a table holds. */
    static long rows(Database database, String table) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
