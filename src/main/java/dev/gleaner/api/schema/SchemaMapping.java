package dev.gleaner.api.schema;

import dev.gleaner.index.QueryHit;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingModels;
import dev.gleaner.ingest.SourcedChunk;
import dev.gleaner.jobs.ChangeKind;
import dev.gleaner.jobs.Changes;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.JobService;
import dev.gleaner.jobs.PageListing;
import dev.gleaner.jobs.PageRecord;
import dev.gleaner.jobs.Skipped;
import dev.gleaner.webhooks.EventLog;
import dev.gleaner.webhooks.EventLogPage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The one place where domain records become wire shapes. Timestamps are ISO-8601 UTC with exactly three millisecond
 * digits ({@code 2026-11-28T15:27:36.123Z}); ids are passed through as they are.
 */
public final class SchemaMapping {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SchemaMapping() {}

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static @Nullable String timestampOrNull(@Nullable Instant instant) {
        return instant == null ? null : timestamp(instant);
    }

    public static Project project(dev.gleaner.catalog.Project project) {
        return new Project(
                project.id(), project.name(), timestamp(project.createdAt()), timestamp(project.updatedAt()));
    }

    public static ProjectList projects(List<dev.gleaner.catalog.Project> projects) {
        return new ProjectList(projects.stream().map(SchemaMapping::project).toList());
    }

    public static Knowledgebase knowledgebase(dev.gleaner.catalog.Knowledgebase kb) {
        return new Knowledgebase(
                kb.id(),
                kb.name(),
                kb.type(),
                kb.embeddingModelName(),
                kb.chunkSize(),
                kb.chunkOverlap(),
                timestamp(kb.createdAt()),
                timestamp(kb.updatedAt()),
                kb.datasetCount(),
                kb.chunkCount());
    }

    public static List<Knowledgebase> knowledgebases(List<dev.gleaner.catalog.Knowledgebase> kbs) {
        return kbs.stream().map(SchemaMapping::knowledgebase).toList();
    }

    /** The deployment's models, the default first; a length that is not known without asking a service is omitted. */
    public static EmbeddingModelList embeddingModels(EmbeddingModels models) {
        List<EmbeddingModel> data = new ArrayList<>();
        for (Embedder embedder : models.embedders()) {
            OptionalInt dimensions = embedder.knownDimensions();
            data.add(new EmbeddingModel(
                    embedder.modelName(),
                    embedder.modelName().equals(models.defaultName()),
                    dimensions.isPresent() ? dimensions.getAsInt() : null));
        }
        return new EmbeddingModelList(data);
    }

    public static Dataset dataset(dev.gleaner.ingest.Dataset dataset) {
        return new Dataset(
                dataset.id(),
                dataset.filename(),
                dataset.fileUrl(),
                dataset.extensionType(),
                dataset.size(),
                dataset.parsed(),
                timestamp(dataset.createdAt()),
                timestamp(dataset.updatedAt()),
                dataset.sourceUrl(),
                dataset.title(),
                dataset.jobId(),
                dataset.chunkCount(),
                dataset.error(),
                dataset.sourceId(),
                dataset.removedAt() == null ? null : timestamp(dataset.removedAt()),
                null);
    }

    public static List<Dataset> datasets(List<dev.gleaner.ingest.Dataset> datasets) {
        return datasets.stream().map(SchemaMapping::dataset).toList();
    }

    public static Chunk chunk(dev.gleaner.ingest.Chunk chunk) {
        return new Chunk(
                chunk.id(),
                chunk.content(),
                chunk.contentLength(),
                chunk.enabled(),
                chunk.datasetId(),
                chunk.position(),
                chunk.headingPath(),
                null);
    }

    public static List<Chunk> chunks(List<dev.gleaner.ingest.Chunk> chunks) {
        return chunks.stream().map(SchemaMapping::chunk).toList();
    }

    public static QueryResult queryResult(QueryHit hit) {
        SourcedChunk sourced = hit.hit();
        dev.gleaner.ingest.Chunk chunk = sourced.chunk();
        return new QueryResult(
                chunk.id(),
                chunk.content(),
                chunk.contentLength(),
                chunk.enabled(),
                chunk.datasetId(),
                chunk.position(),
                chunk.headingPath(),
                hit.score(),
                sourced.sectionUrl(),
                sourced.title(),
                chunk.anchor());
    }

    public static List<QueryResult> queryResults(List<QueryHit> hits) {
        return hits.stream().map(SchemaMapping::queryResult).toList();
    }

    public static Job job(CrawlJob job) {
        Skipped skipped = job.skipped();
        return new Job(
                job.id(),
                job.mode().wire(),
                job.total(),
                job.done(),
                job.failed(),
                job.status().wire(),
                timestamp(job.startedAt()),
                timestamp(job.updatedAt()),
                job.spec().url(),
                timestampOrNull(job.finishedAt()),
                new JobSkipped(skipped.robots(), skipped.outOfScope(), skipped.duplicate(), skipped.overLimit()),
                job.limitReached(),
                jobChanges(job.changes()),
                job.error(),
                job.spec().sourceId(),
                null);
    }

    public static JobChanges jobChanges(Changes changes) {
        return new JobChanges(changes.added(), changes.updated(), changes.unchanged(), changes.removed());
    }

    /** A page of the job's URLs of {@code kind}, under the job's counts. */
    public static JobChangeList jobChanges(CrawlJob job, ChangeKind kind, PageListing listing) {
        return new JobChangeList(
                jobChanges(job.changes()),
                job.failed(),
                listing.pages().stream()
                        .map(page -> new JobChange(
                                page.url(),
                                ChangeKind.of(page.outcome()).orElse(kind).wire(),
                                page.reason(),
                                page.datasetId(),
                                timestamp(page.updatedAt())))
                        .toList(),
                listing.nextCursor());
    }

    public static JobList jobs(List<CrawlJob> jobs) {
        return new JobList(jobs.stream().map(SchemaMapping::job).toList());
    }

    public static JobPage jobPage(PageRecord page) {
        return new JobPage(
                page.url(),
                page.outcome().wire(),
                page.reason(),
                page.httpStatus(),
                page.depth(),
                page.attempts(),
                page.datasetId(),
                timestamp(page.updatedAt()));
    }

    public static JobPageList jobPages(PageListing listing) {
        return new JobPageList(
                listing.pages().stream().map(SchemaMapping::jobPage).toList(), listing.nextCursor());
    }

    /**
     * The answer to an accepted crawl. {@code refusedUrls} are batch entries refused before the job service saw them;
     * they are reported first, then the ones it found invalid.
     */
    public static CrawlAccepted crawlAccepted(JobService.Started started, List<String> refusedUrls) {
        CrawlJob job = started.job();
        List<String> invalid = null;
        if (job.mode() == JobMode.BATCH) {
            invalid = new ArrayList<>(refusedUrls);
            invalid.addAll(started.invalidUrls());
        }
        return new CrawlAccepted(
                job.id(), job.mode().wire(), job.status().wire(), job.spec().url(), invalid);
    }

    public static WebhookDeliveryList webhookDeliveries(EventLogPage page) {
        return new WebhookDeliveryList(
                page.events().stream().map(SchemaMapping::webhookDelivery).toList(), page.nextCursor());
    }

    private static WebhookDelivery webhookDelivery(EventLog event) {
        return new WebhookDelivery(
                event.id(),
                event.event(),
                event.status().wire(),
                timestamp(event.createdAt()),
                event.attempts().stream()
                        .map(a -> new WebhookAttempt(
                                timestamp(a.at()), a.httpStatus(), a.error(), a.durationMs(), a.responseSnippet()))
                        .toList(),
                timestampOrNull(event.nextAttemptAt()));
    }
}
