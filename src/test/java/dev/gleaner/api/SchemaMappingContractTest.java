package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.ErrorCode;
import dev.gleaner.api.schema.ErrorBody;
import dev.gleaner.api.schema.ErrorDetail;
import dev.gleaner.api.schema.Health;
import dev.gleaner.api.schema.KnowledgebaseCreated;
import dev.gleaner.api.schema.Message;
import dev.gleaner.api.schema.ProjectData;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.Project;
import dev.gleaner.index.QueryHit;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.SourcedChunk;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.JobService;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.PageListing;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageRecord;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.jobs.Skipped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What {@link SchemaMapping} makes of domain records, serialized as the API does, matches the OpenAPI documents. */
class SchemaMappingContractTest {
    private static final ObjectMapper MAPPER = ApiJson.mapper();
    private static final OpenApiContract OURS = OpenApiContract.ours();
    private static final String JSON = "application/json";
    private static final String PROJECT = "/v1/projects/proj_1";
    private static final String KB = PROJECT + "/knowledgebases/kb_1";
    private static final String DATASET = KB + "/datasets/dataset_1";
    private static final Instant AT = Instant.parse("2026-11-28T15:27:36.123456789Z");

    private static byte[] json(Object body) throws Exception {
        return MAPPER.writeValueAsBytes(body);
    }

    private static Project project() {
        return new Project("proj_1", "owner_1", "Docs", AT, Instant.parse("2026-11-28T15:27:36Z"));
    }

    private static Knowledgebase knowledgebase() {
        return new Knowledgebase("kb_1", "proj_1", "Docs", "lucene", "all-minilm-l6-v2", 500, 50, AT, AT, 3, 42);
    }

    private static Dataset dataset(boolean crawled) {
        return Dataset.builder()
                .id("dataset_1")
                .knowledgebaseId("kb_1")
                .jobId(crawled ? "job_1" : null)
                .filename(crawled ? "page.html" : "notes.txt")
                .fileUrl(crawled ? "https://example.com/page" : "/files/notes.txt")
                .sourceUrl(crawled ? "https://example.com/page" : null)
                .title(crawled ? "A page" : null)
                .extensionType(crawled ? "html" : "txt")
                .size(1234)
                .parsed(crawled)
                .chunkCount(crawled ? 4 : 0)
                .error(crawled ? null : "unreadable")
                .createdAt(AT)
                .updatedAt(AT)
                .build();
    }

    private static Chunk chunk() {
        return new Chunk("chunk_1", "dataset_1", "kb_1", 0, "Hello world", List.of("Intro", "Greeting"), true);
    }

    static CrawlJob job(JobMode mode, JobStatus status, @Nullable Instant finishedAt, @Nullable String error) {
        CrawlSpec spec = new CrawlSpec(
                mode,
                mode == JobMode.BATCH ? null : "https://example.com/docs",
                1000,
                10,
                List.of(),
                List.of(),
                false,
                false,
                SitemapPolicy.INCLUDE,
                false);
        return CrawlJob.queued("job_1", "proj_1", "kb_1", spec, AT)
                .withCounts(10, 7, 1)
                .withSkipped(new Skipped(1, 2, 3, 4), true)
                .withEnd(status, error, finishedAt);
    }

    @Test
    void projectsMatchTheirOperations() throws Exception {
        OURS.assertResponse(
                "GET", "/v1/projects", 200, JSON, json(SchemaMapping.projects(List.of(project(), project()))));
        OURS.assertResponse("POST", "/v1/projects", 201, JSON, json(new ProjectData(SchemaMapping.project(project()))));
        OURS.assertResponse("GET", PROJECT, 200, JSON, json(new ProjectData(SchemaMapping.project(project()))));
        OURS.assertResponse("DELETE", PROJECT, 200, JSON, json(new Message("Project deleted")));
    }

    @Test
    void knowledgebasesMatchTheirOperations() throws Exception {
        var kb = SchemaMapping.knowledgebase(knowledgebase());
        OURS.assertResponse("GET", PROJECT + "/knowledgebases", 200, JSON, json(List.of(kb)));
        OURS.assertResponse("GET", KB, 200, JSON, json(kb));
        OURS.assertResponse("PATCH", KB, 200, JSON, json(kb));
        OURS.assertResponse("DELETE", KB, 200, JSON, json(new Message("Knowledgebase deleted")));
    }

    @Test
    void aCreatedKnowledgebaseIsTheMessageBesideEveryField() throws Exception {
        byte[] body = json(new KnowledgebaseCreated(SchemaMapping.knowledgebase(knowledgebase())));
        OURS.assertResponse("POST", PROJECT + "/knowledgebases", 201, JSON, body);
        JsonNode tree = MAPPER.readTree(body);
        assertThat(tree.path("message").asText()).isEqualTo("Knowledgebase created successfully");
        assertThat(tree.path("id").asText()).isEqualTo("kb_1");
        assertThat(tree.has("knowledgebase")).isFalse();
    }

    @Test
    void datasetsAndChunksMatchTheirOperations() throws Exception {
        OURS.assertResponse(
                "GET",
                KB + "/datasets",
                200,
                JSON,
                json(SchemaMapping.datasets(List.of(dataset(true), dataset(false)))));
        OURS.assertResponse("GET", DATASET, 200, JSON, json(SchemaMapping.dataset(dataset(true))));
        OURS.assertResponse("GET", DATASET + "/chunks", 200, JSON, json(SchemaMapping.chunks(List.of(chunk()))));
        JsonNode upload = MAPPER.readTree(json(SchemaMapping.dataset(dataset(false))));
        assertThat(upload.has("sourceUrl"))
                .as("null optional fields are omitted")
                .isFalse();
        assertThat(upload.has("jobId")).isFalse();
        assertThat(upload.path("isParsed").isBoolean()).isTrue();
        assertThat(MAPPER.readTree(json(SchemaMapping.chunk(chunk())))
                        .path("isEnabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void queryResultsMatchTheQueryOperation() throws Exception {
        List<QueryHit> hits = List.of(
                new QueryHit(new SourcedChunk(chunk(), "https://example.com/page", "A page"), 0.87),
                new QueryHit(new SourcedChunk(chunk(), null, null), 0.31));
        OURS.assertResponse("GET", KB + "/query?q=hello", 200, JSON, json(SchemaMapping.queryResults(hits)));
    }

    @Test
    void jobsMatchOurDocumentAndThePathorsOne() throws Exception {
        OpenApiContract pathors = OpenApiContract.pathors();
        byte[] body = json(SchemaMapping.jobs(List.of(
                job(JobMode.CRAWL, JobStatus.RUNNING, null, null),
                job(JobMode.BATCH, JobStatus.FAILED, AT, "The seed could not be fetched"),
                job(JobMode.CRAWL, JobStatus.COMPLETED, AT, null))));
        OURS.assertResponse("GET", KB + "/crawl/jobs", 200, JSON, body);
        pathors.assertResponse("GET", KB + "/crawl/jobs", 200, JSON, body);
        byte[] one = json(SchemaMapping.job(job(JobMode.CRAWL, JobStatus.CANCELLED, AT, null)));
        OURS.assertResponse("GET", KB + "/crawl/jobs/job_1", 200, JSON, one);
        OURS.assertResponse("POST", KB + "/crawl/jobs/job_1/cancel", 200, JSON, one);
        JsonNode running = MAPPER.readTree(body).path("jobs").get(0);
        assertThat(running.has("finishedAt")).isFalse();
        assertThat(running.has("error")).isFalse();
        assertThat(running.path("startedAt").asText()).isEqualTo("2026-11-28T15:27:36.123Z");
    }

    @Test
    void jobPagesAndRetriesMatchTheirOperations() throws Exception {
        List<PageRecord> records = List.of(
                new PageRecord("https://example.com/a", PageOutcome.INGESTED, null, 200, 0, 1, "dataset_1", AT),
                new PageRecord("https://example.com/b", PageOutcome.FAILED, "HTTP 404 Not Found", 404, 1, 1, null, AT),
                new PageRecord("https://example.com/c", PageOutcome.PENDING, null, null, 1, 0, null, AT));
        byte[] more = json(SchemaMapping.jobPages(new PageListing(records, "p1z")));
        byte[] last = json(SchemaMapping.jobPages(new PageListing(List.of(), null)));

        OURS.assertResponse("GET", KB + "/crawl/jobs/job_1/pages", 200, JSON, more);
        OURS.assertResponse("GET", KB + "/crawl/jobs/job_1/pages", 200, JSON, last);
        OURS.assertResponse(
                "POST",
                KB + "/crawl/jobs/job_1/retry",
                200,
                JSON,
                json(SchemaMapping.job(job(JobMode.CRAWL, JobStatus.RUNNING, null, null))));
        JsonNode page = MAPPER.readTree(more).path("pages").get(2);
        assertThat(page.has("reason")).isFalse();
        assertThat(page.has("datasetId")).isFalse();
        assertThat(page.path("updatedAt").asText()).isEqualTo("2026-11-28T15:27:36.123Z");
        assertThat(MAPPER.readTree(more).path("nextCursor").asText()).isEqualTo("p1z");
        assertThat(MAPPER.readTree(last).has("nextCursor")).isFalse();
    }

    @Test
    void acceptedCrawlsMatchTheCrawlOperation() throws Exception {
        var crawl = SchemaMapping.crawlAccepted(
                new JobService.Started(job(JobMode.CRAWL, JobStatus.QUEUED, null, null), List.of()), List.of());
        OURS.assertResponse("POST", KB + "/crawl", 202, JSON, json(crawl));
        assertThat(crawl.invalidUrls()).isNull();
        var batch = SchemaMapping.crawlAccepted(
                new JobService.Started(job(JobMode.BATCH, JobStatus.QUEUED, null, null), List.of("ftp://x")),
                List.of("https://example.com/" + "a".repeat(3000)));
        OURS.assertResponse("POST", KB + "/crawl", 202, JSON, json(batch));
        assertThat(batch.url()).isNull();
        assertThat(batch.invalidUrls()).hasSize(2).endsWith("ftp://x");
    }

    @Test
    void errorsAndSystemBodiesMatchTheirSchemas() throws Exception {
        byte[] error =
                json(new ErrorBody(new ErrorDetail("bad", ErrorCode.BAD_REQUEST.code(), Map.of("b", "x", "a", "y"))));
        OURS.assertResponse("POST", KB + "/crawl", 400, JSON, error);
        OURS.assertSchema("ErrorBody", error);
        assertThat(new String(error, java.nio.charset.StandardCharsets.UTF_8)).contains("{\"a\":\"y\",\"b\":\"x\"}");
        OURS.assertResponse("GET", "/health", 200, JSON, json(Health.ok("worker", null)));
        OURS.assertResponse(
                "GET",
                "/health",
                200,
                JSON,
                json(Health.ok("all", new dev.gleaner.api.schema.IndexHealth(12, 14, 2, 0.4, "resumed", 30, 0))));
        assertThat(new String(json(Health.ok("all", null)), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"ok\",\"role\":\"all\"}");
        OURS.assertResponse(
                "GET",
                "/health",
                503,
                JSON,
                json(Health.degraded(
                        "api",
                        List.of(new dev.gleaner.api.schema.HealthProblem(
                                "crawl dispatcher", "stopped by OutOfMemoryError: Java heap space")),
                        null)));
        assertThatCode(() -> OURS.assertResponse("GET", "/openapi.json", 200, JSON, SystemRoutes.openApiDocument()))
                .doesNotThrowAnyException();
    }

    @Test
    void timestampsHaveExactlyThreeMillisecondDigitsInUtc() {
        assertThat(SchemaMapping.timestamp(Instant.parse("2026-01-02T03:04:05Z")))
                .isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(SchemaMapping.timestamp(Instant.parse("2026-01-02T03:04:05.9999Z")))
                .isEqualTo("2026-01-02T03:04:05.999Z");
        assertThat(SchemaMapping.timestamp(Instant.parse("2026-01-02T03:04:05.120Z")))
                .isEqualTo("2026-01-02T03:04:05.120Z");
    }
}
