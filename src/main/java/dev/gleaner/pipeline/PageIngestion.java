package dev.gleaner.pipeline;

import dev.gleaner.Ids;
import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.index.SearchIndex;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.ChunkEmbedder;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.DatasetStore;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingException;
import dev.gleaner.ingest.ExtractedPage;
import dev.gleaner.ingest.StoredFile;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The last steps of {@link PageProcessor} for a page whose text is new to its knowledgebase: chunk, embed, add to the
 * search index, and describe the dataset the frontier then stores (new, or the page's dataset with its new content).
 */
final class PageIngestion {
    private final ChunkEmbedder chunkEmbedder;
    private final SearchIndex index;
    private final DatasetStore datasets;
    private final Retries retries;
    private final Clock clock;

    PageIngestion(ChunkEmbedder chunkEmbedder, SearchIndex index, DatasetStore datasets, Retries retries, Clock clock) {
        this.chunkEmbedder = chunkEmbedder;
        this.index = index;
        this.datasets = datasets;
        this.retries = retries;
        this.clock = clock;
    }

    /** The text's hash, the page's source key, and the dataset the page was stored as before (null: none). */
    record Content(String hash, String sourceKey, @Nullable Dataset previous) {}

    /**
     * Chunks, embeds and indexes the page as a new dataset, or as the new content of {@code content.previous()}. The
     * new chunks are indexed under new ids before the result is recorded: until then queries confirm only the old
     * chunks against SQL, afterwards only the new ones; the worker then removes the old ones from the index.
     */
    PageResult ingest(
            Lease lease,
            FetchOutcome.Fetched fetched,
            ExtractedPage page,
            Content content,
            Embedder embedder,
            List<FoundUrl> found) {
        Dataset previous = content.previous();
        List<Chunk> replaced = previous == null ? List.of() : datasets.chunks(previous.id());
        String datasetId = previous == null ? Ids.next("dataset") : previous.id();
        ChunkEmbedder.Target target = new ChunkEmbedder.Target(
                datasetId, lease.knowledgebaseId(), lease.chunkSize(), lease.chunkOverlap(), disabledTexts(replaced));
        List<EmbeddedChunk> chunks;
        try {
            chunks = chunkEmbedder.chunkAndEmbed(page.title(), page.text(), target, embedder);
        } catch (EmbeddingException e) {
            // A remote model that is down or rate-limited fails the page's attempt, not the worker.
            return e.transientFailure()
                    ? retries.retryOrFail(lease, PageOutcome.FAILED, e.reason(), fetched.status(), null)
                    : PageProcessor.failed(e.reason(), fetched.status());
        }
        if (chunks.isEmpty()) {
            return PageProcessor.empty("The page has no text: nothing to index", previous, fetched.status(), found);
        }
        Dataset dataset = datasetOf(lease, fetched, page, content, datasetId, chunks.size());
        index.add(chunks);
        StoredFile original = new StoredFile(
                fetched.contentType().isBlank() ? "application/octet-stream" : fetched.contentType(), fetched.body());
        if (previous == null) {
            return new PageResult.Ingested(dataset, content.sourceKey(), chunks, original, fetched.status(), found);
        }
        return new PageResult.Updated(
                dataset,
                content.sourceKey(),
                Objects.requireNonNullElse(previous.contentHash(), ""),
                chunks,
                replaced.stream().map(Chunk::id).toList(),
                original,
                fetched.status(),
                found);
    }

    /** The dataset the page is stored as: new, or {@code content.previous()} with the new content. */
    private Dataset datasetOf(
            Lease lease,
            FetchOutcome.Fetched fetched,
            ExtractedPage page,
            Content content,
            String datasetId,
            int chunkCount) {
        Dataset previous = content.previous();
        Instant now = clock.instant();
        String pageUrl = fetched.finalUrl().toString();
        return Dataset.builder()
                .id(datasetId)
                .knowledgebaseId(lease.knowledgebaseId())
                .jobId(lease.jobId())
                .filename(PageReader.filename(fetched.finalUrl()))
                .fileUrl(pageUrl)
                .sourceUrl(pageUrl)
                .title(page.title())
                .extensionType(PageReader.extensionType(fetched.contentType(), fetched.finalUrl()))
                .size(fetched.body().length)
                .parsed(true)
                .contentHash(content.hash())
                .chunkCount(chunkCount)
                .createdAt(previous == null ? now : previous.createdAt())
                .updatedAt(now)
                .build();
    }

    /** The texts of chunks someone disabled: a new chunk with the same text stays disabled. */
    private static Set<String> disabledTexts(List<Chunk> chunks) {
        Set<String> disabled = new HashSet<>();
        for (Chunk chunk : chunks) {
            if (!chunk.enabled()) {
                disabled.add(chunk.content());
            }
        }
        return disabled;
    }
}
