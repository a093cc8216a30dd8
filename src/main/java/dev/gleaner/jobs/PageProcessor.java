package dev.gleaner.jobs;

import dev.gleaner.Ids;
import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.crawl.Fetcher;
import dev.gleaner.index.SearchIndex;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.ChunkText;
import dev.gleaner.ingest.Chunker;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingModels;
import dev.gleaner.ingest.ExtractedPage;
import dev.gleaner.ingest.StoredFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline behind one leased URL: fetch → extract text and links → chunk → embed → add to the search index. It
 * stores nothing in SQL: the returned {@link PageResult} is recorded by {@link Frontier#complete} in one transaction.
 * An ingested page is already searchable when this returns, so {@code done} only ever counts searchable pages.
 */
public final class PageProcessor {
    private final Fetcher fetcher;
    private final PageReader reader;
    private final LinkScoper links;
    private final Chunker chunker;
    private final EmbeddingModels models;
    private final SearchIndex index;
    private final Clock clock;
    private final WorkerSettings settings;

    public PageProcessor(
            Fetcher fetcher,
            PageReader reader,
            LinkScoper links,
            Chunker chunker,
            EmbeddingModels models,
            SearchIndex index,
            Clock clock,
            WorkerSettings settings) {
        this.fetcher = fetcher;
        this.reader = reader;
        this.links = links;
        this.chunker = chunker;
        this.models = models;
        this.index = index;
        this.clock = clock;
        this.settings = settings;
    }

    public PageResult process(Lease lease) {
        URI url = URI.create(lease.url());
        return switch (fetcher.fetch(url)) {
            case FetchOutcome.Failure failure ->
                failure.transientError()
                        ? retryOrFail(lease, failure.reason(), null, null)
                        : failed(failure.reason(), null);
            case FetchOutcome.HttpError error -> {
                String reason = "HTTP " + error.status() + " from " + error.finalUrl();
                yield error.transientError()
                        ? retryOrFail(lease, reason, error.status(), error.retryAfter())
                        : failed(reason, error.status());
            }
            case FetchOutcome.Fetched fetched -> ingest(lease, fetched);
        };
    }

    private PageResult ingest(Lease lease, FetchOutcome.Fetched fetched) {
        Optional<ExtractedPage> read = reader.read(fetched);
        if (read.isEmpty()) {
            String type = fetched.contentType().isBlank() ? "none" : fetched.contentType();
            return new PageResult.Failed("unsupported", "Unsupported content type: " + type, fetched.status());
        }
        ExtractedPage page = read.get();
        Optional<Embedder> embedder = models.find(lease.embeddingModelName());
        if (embedder.isEmpty()) {
            return failed(
                    "The embedding model '" + lease.embeddingModelName() + "' is not available", fetched.status());
        }
        List<FoundUrl> found = links.scope(lease, fetched.finalUrl(), page);
        List<ChunkText> pieces = chunker.chunk(page.text(), lease.chunkSize(), lease.chunkOverlap());
        Instant now = clock.instant();
        String datasetId = Ids.next("dataset");
        List<EmbeddedChunk> chunks = embed(lease, datasetId, page.title(), pieces, embedder.get());
        String pageUrl = fetched.finalUrl().toString();
        Dataset dataset = new Dataset(
                datasetId,
                lease.knowledgebaseId(),
                lease.jobId(),
                PageReader.filename(fetched.finalUrl()),
                pageUrl,
                pageUrl,
                page.title(),
                PageReader.extensionType(fetched.contentType()),
                fetched.body().length,
                true,
                sha256(page.text()),
                chunks.size(),
                null,
                now,
                now);
        index.add(chunks);
        StoredFile original = new StoredFile(
                fetched.contentType().isBlank() ? "application/octet-stream" : fetched.contentType(), fetched.body());
        return new PageResult.Ingested(dataset, chunks, original, fetched.status(), found);
    }

    private List<EmbeddedChunk> embed(
            Lease lease, String datasetId, String title, List<ChunkText> pieces, Embedder embedder) {
        List<String> texts = new ArrayList<>(pieces.size());
        for (ChunkText piece : pieces) {
            // The title makes a chunk meaningful on its own when it is retrieved out of its page.
            texts.add(title.isBlank() ? piece.content() : title + "\n\n" + piece.content());
        }
        List<float[]> vectors = texts.isEmpty() ? List.of() : embedder.embed(texts);
        List<EmbeddedChunk> chunks = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            ChunkText piece = pieces.get(i);
            Chunk chunk = new Chunk(
                    Ids.next("chunk"),
                    datasetId,
                    lease.knowledgebaseId(),
                    piece.position(),
                    piece.content(),
                    piece.headingPath(),
                    true);
            chunks.add(new EmbeddedChunk(chunk, vectors.get(i)));
        }
        return chunks;
    }

    private PageResult retryOrFail(
            Lease lease,
            String reason,
            @org.jspecify.annotations.Nullable Integer status,
            @org.jspecify.annotations.Nullable Duration retryAfter) {
        if (lease.attempt() >= settings.maxAttempts()) {
            return failed(reason + " (after " + lease.attempt() + " attempts)", status);
        }
        Duration backoff = settings.retryBackoff().multipliedBy(1L << Math.min(10, lease.attempt() - 1));
        if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
            backoff = retryAfter;
        }
        return new PageResult.Retry(reason, status, clock.instant().plus(backoff));
    }

    private static PageResult failed(String reason, @org.jspecify.annotations.Nullable Integer status) {
        return new PageResult.Failed("failed", reason, status);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
