package dev.gleaner.uploads;

import dev.gleaner.ErrorCode;
import dev.gleaner.Heartbeat;
import dev.gleaner.Ids;
import dev.gleaner.ServiceException;
import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.index.SearchIndex;
import dev.gleaner.ingest.ChunkEmbedder;
import dev.gleaner.ingest.Chunker;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingException;
import dev.gleaner.ingest.EmbeddingModels;
import dev.gleaner.ingest.ExtractedPage;
import dev.gleaner.ingest.StoredFile;
import dev.gleaner.pipeline.PageProcessor;
import dev.gleaner.pipeline.PageReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns uploaded files into searchable datasets. {@link #accept} reads the file's text at once (so an unsupported or
 * unreadable file is refused to the uploader), stores the original and an unparsed dataset, and returns; chunking,
 * embedding with the knowledgebase's model and indexing follow on a virtual thread, and end with the chunks stored and
 * the dataset parsed in one transaction — or with the dataset's {@code error} recorded. When the embedding model fails
 * transiently (a remote service timing out or answering 429 or 5xx) the upload is tried again after a backoff that
 * doubles each time, up to {@code maxAttempts} attempts, the dataset staying unparsed without an error meanwhile; a
 * permanent failure (a refused key, an unreadable file) is recorded at once.
 *
 * <p>Only a {@linkplain #start() started} ingestor processes uploads (a process running workers); one that is not (an
 * {@code --role api} process) stores what it accepts for another process to claim. A started ingestor holds the
 * uploads it works on in the store, renewing the hold every poll, and each poll claims uploads no process holds:
 * those accepted by a process that does not process them, and those left unparsed by a process that stopped (retries
 * pending included; their embedding attempts are counted afresh). Each such restart is counted in the store, and an
 * upload started {@code maxAttempts} times without finishing fails instead of being processed again and again.
 */
public final class UploadIngestor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UploadIngestor.class);
    /** Uploads embedded at the same time: each embedding already uses every core. */
    static final int CONCURRENT_UPLOADS = 2;
    /** How long closing waits for uploads in progress (those cut off are taken up by a later poll). */
    private static final long CLOSE_WAIT_SECONDS = 5;
    /** The longest a waiting retry sleeps before looking at the clock again (and at whether the process is closing). */
    private static final Duration WAIT_STEP = Duration.ofMillis(200);

    private final PageReader reader;
    private final ChunkEmbedder chunkEmbedder;
    private final EmbeddingModels models;
    private final SearchIndex index;
    private final UploadStore store;
    private final Clock clock;
    private final UploadSettings settings;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Heartbeat heartbeat;
    private final Semaphore slots = new Semaphore(CONCURRENT_UPLOADS);
    /** The uploads this process holds in the store: processing, waiting for a slot or for a retry. */
    private final Set<String> working = ConcurrentHashMap.newKeySet();

    private @Nullable ScheduledExecutorService poller;
    private volatile boolean started;
    private volatile boolean closing;

    /** One uploaded file for a knowledgebase; {@code datasetsPath} is the API path its file is served under. */
    @SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
    public record Upload(
            String knowledgebaseId,
            String embeddingModelName,
            int chunkSize,
            int chunkOverlap,
            String datasetsPath,
            String filename,
            @Nullable String declaredType,
            byte[] bytes) {}

    public UploadIngestor(
            PageReader reader,
            Chunker chunker,
            EmbeddingModels models,
            SearchIndex index,
            UploadStore store,
            Clock clock,
            UploadSettings settings) {
        this.reader = reader;
        this.chunkEmbedder = new ChunkEmbedder(chunker);
        this.models = models;
        this.index = index;
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.heartbeat = Heartbeat.every("upload workers", settings.pollInterval(), clock);
    }

    /** The largest file accepted, in bytes. */
    public long maxBytes() {
        return settings.maxBytes();
    }

    /**
     * Stores the upload as an unparsed dataset and, once the ingestor is started, starts processing it; returns the
     * dataset id. Refuses a file over {@link #maxBytes} (413), of an unsupported type (415), or whose text cannot be
     * read or is blank (400).
     */
    public String accept(Upload upload) {
        checkSize(upload);
        UploadTypes.Type type = UploadTypes.of(upload.filename(), upload.declaredType())
                .orElseThrow(() -> new ServiceException(
                        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Unsupported file type: upload a PDF, DOCX, plain text, Markdown or HTML file"));
        ExtractedPage page = read(upload.filename(), type.contentType(), upload.bytes());
        if (page.text().isBlank()) {
            throw ServiceException.badRequest(
                    "The file holds no text to index (an empty document, or a scan without a text layer: nothing is"
                            + " OCR-ed); upload a file with text",
                    java.util.Map.of("dataset", "no text"));
        }
        Dataset dataset = newDataset(upload, type, page);
        String id = dataset.id();
        boolean here = started;
        // Held from the start when processed here, so no poll (of this process or another) claims it meanwhile.
        store.insertUpload(dataset, new StoredFile(type.contentType(), upload.bytes()), here ? heldUntil() : null);
        if (!here) {
            return id;
        }
        working.add(id);
        PendingUpload pending = new PendingUpload(
                id,
                upload.knowledgebaseId(),
                upload.filename(),
                upload.embeddingModelName(),
                upload.chunkSize(),
                upload.chunkOverlap());
        executor.execute(() -> inSlot(pending, page, 1));
        return id;
    }

    /** An empty file or one over the upload limit is refused before anything is read. */
    private void checkSize(Upload upload) {
        if (upload.bytes().length == 0) {
            throw ServiceException.badRequest(
                    "The file is empty: upload a file with content", java.util.Map.of("dataset", "empty file"));
        }
        if (upload.bytes().length > settings.maxBytes()) {
            throw new ServiceException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "The file is larger than the limit of " + settings.maxBytes() + " bytes");
        }
    }

    /** The dataset an accepted upload is stored as, not yet parsed into chunks. */
    private Dataset newDataset(Upload upload, UploadTypes.Type type, ExtractedPage page) {
        Instant now = clock.instant();
        String id = Ids.next("dataset");
        String fileUrl = upload.datasetsPath() + "/" + id + "/file";
        return Dataset.builder()
                .id(id)
                .knowledgebaseId(upload.knowledgebaseId())
                .filename(upload.filename())
                .fileUrl(fileUrl)
                .title(page.title())
                .extensionType(type.extension())
                .size(upload.bytes().length)
                .parsed(false)
                .contentHash(PageProcessor.sha256(page.text()))
                .createdAt(now)
                .updatedAt(now)
                .build();
    }

    /** The health of the upload workers: unhealthy once one failed with an error the process cannot recover from. */
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    /**
     * Starts processing uploads: those this ingestor accepts from now on, and, every poll interval (the first poll at
     * once), those no process holds in the store.
     */
    public synchronized void start() {
        if (poller != null) {
            return;
        }
        started = true;
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("gleaner-upload-poller").daemon().unstarted(r));
        heartbeat.started();
        // Failures end up in the heartbeat (guard), not in the future.
        var unused = executor.scheduleWithFixedDelay(
                heartbeat.guard(this::pollQuietly), 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        poller = executor;
    }

    private void pollQuietly() {
        try {
            poll();
            heartbeat.round();
        } catch (RuntimeException e) {
            LOG.warn("Looking for uploads to process failed; retrying on the next poll", e);
        }
    }

    /**
     * Renews the hold on the uploads this process works on (forgetting those finished), then claims uploads no process
     * holds while fewer than {@link #CONCURRENT_UPLOADS} are in its hands.
     */
    private void poll() {
        Instant now = clock.instant();
        Set<String> mine = Set.copyOf(working);
        Set<String> stillPending = store.holdUploads(mine, heldUntil());
        mine.stream().filter(id -> !stillPending.contains(id)).forEach(working::remove);
        for (PendingUpload pending : store.pendingUploads(now)) {
            if (closing || working.size() >= CONCURRENT_UPLOADS) {
                return;
            }
            store.claimUpload(pending.datasetId(), heldUntil(), now).ifPresent(restarts -> take(pending, restarts));
        }
    }

    /** Processes a claimed upload, unless its processing was interrupted too often already. */
    private void take(PendingUpload pending, int restarts) {
        if (restarts >= settings.maxAttempts()) {
            store.failUpload(
                    pending.datasetId(),
                    "Processing was interrupted " + restarts + " times (the service stopped while working on"
                            + " it); upload the file again",
                    clock.instant());
            return;
        }
        working.add(pending.datasetId());
        executor.execute(() -> store.file(pending.datasetId()).ifPresent(file -> {
            try {
                inSlot(pending, read(pending.filename(), file.contentType(), file.bytes()), 1);
            } catch (ServiceException e) {
                store.failUpload(pending.datasetId(), String.valueOf(e.getMessage()), clock.instant());
            }
        }));
    }

    /** Until when a claim or a renewal made now holds an upload. */
    private Instant heldUntil() {
        return clock.instant().plus(settings.lease());
    }

    private ExtractedPage read(String filename, String contentType, byte[] bytes) {
        FetchOutcome.Fetched fetched = new FetchOutcome.Fetched(source(filename), 200, contentType, bytes);
        return switch (reader.read(fetched)) {
            case PageReader.Reading.Read read -> read.page();
            case PageReader.Reading.Unsupported unsupported ->
                throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, unsupported.reason());
            case PageReader.Reading.Unreadable unreadable -> throw unreadable(unreadable);
        };
    }

    /** The uploader's error for a file that could not be read: the cause, never the parser's internals. */
    private static ServiceException unreadable(PageReader.Reading.Unreadable unreadable) {
        String format = unreadable.format();
        return switch (unreadable.problem()) {
            case DAMAGED, PARSER_STOPPED ->
                ServiceException.badRequest(
                        "The file could not be read as a " + format + ": it is damaged or not a valid " + format,
                        java.util.Map.of());
            case ENCRYPTED ->
                ServiceException.badRequest(
                        "The file could not be read as a " + format
                                + ": it is protected by a password; upload a copy without one",
                        java.util.Map.of());
            case PARSER_UNAVAILABLE -> new ServiceException(ErrorCode.UNAVAILABLE, unreadable.reason());
            case TOO_LARGE, TOO_LARGE_UNPACKED, TOO_SLOW, UNSUPPORTED_TYPE, UNDECODABLE_TEXT, NOT_RENDERED ->
                ServiceException.badRequest(unreadable.reason(), java.util.Map.of());
        };
    }

    /** The address the extractors see: the file name only, so no link of the file resolves to a fetchable page. */
    private static URI source(String filename) {
        return URI.create(
                "file:///" + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private void inSlot(PendingUpload pending, ExtractedPage page, int attempt) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (!closing) { // left unparsed when closing: released for the next poll, here or in another process
                process(pending, page, attempt);
            }
        } catch (RuntimeException e) {
            LOG.warn("Processing upload {} failed", pending.datasetId(), e);
            store.failUpload(
                    pending.datasetId(),
                    "Processing failed unexpectedly (the service's log says why); upload the file again",
                    clock.instant());
        } catch (VirtualMachineError e) {
            // Left unparsed without an error: processed again on the next start, by a process that can be trusted.
            heartbeat.fatal(e);
            throw e;
        } finally {
            slots.release();
        }
    }

    private void process(PendingUpload pending, ExtractedPage page, int attempt) {
        Embedder embedder = models.find(pending.embeddingModelName()).orElse(null);
        if (embedder == null) {
            store.failUpload(
                    pending.datasetId(),
                    "The embedding model '" + pending.embeddingModelName() + "' is not available",
                    clock.instant());
            return;
        }
        ChunkEmbedder.Target target = new ChunkEmbedder.Target(
                pending.datasetId(), pending.knowledgebaseId(), pending.chunkSize(), pending.chunkOverlap(), Set.of());
        List<EmbeddedChunk> chunks;
        try {
            chunks = chunkEmbedder.chunkAndEmbed(page.title(), page.text(), target, embedder);
        } catch (EmbeddingException e) {
            if (e.transientFailure() && attempt < settings.maxAttempts()) {
                retryLater(pending, page, attempt, e.reason());
            } else {
                String after = attempt > 1 ? " (after " + attempt + " attempts)" : "";
                store.failUpload(pending.datasetId(), e.reason() + after, clock.instant());
            }
            return;
        }
        if (chunks.isEmpty()) {
            store.failUpload(pending.datasetId(), "The file has no text to index", clock.instant());
            return;
        }
        // Indexed before the dataset turns parsed, so a parsed dataset is always searchable.
        index.add(chunks);
        if (!store.completeUpload(pending.datasetId(), chunks, clock.instant())) {
            index.deleteDataset(pending.datasetId());
        }
    }

    /**
     * Tries the upload again once the retry backoff times 2^(attempt-1) has passed by the clock, on a thread of its
     * own that holds no slot while it waits. A process closing meanwhile leaves the upload unparsed, for the next
     * start.
     */
    private void retryLater(PendingUpload pending, ExtractedPage page, int attempt, String reason) {
        Instant notBefore = clock.instant().plus(settings.retryBackoff().multipliedBy(1L << Math.min(20, attempt - 1)));
        LOG.info(
                "Embedding upload {} failed ({}); attempt {} of {} at {}",
                pending.datasetId(),
                reason,
                attempt + 1,
                settings.maxAttempts(),
                notBefore);
        try {
            executor.execute(() -> {
                if (waitUntil(notBefore)) {
                    inSlot(pending, page, attempt + 1);
                }
            });
        } catch (RejectedExecutionException closed) {
            // Closing: the upload stays unparsed and is taken up by a later poll.
        }
    }

    /** Waits until the clock reaches {@code notBefore}; false when the process starts closing first. */
    private boolean waitUntil(Instant notBefore) {
        while (!closing) {
            Duration left = Duration.between(clock.instant(), notBefore);
            if (left.isZero() || left.isNegative()) {
                return true;
            }
            try {
                Thread.sleep(left.compareTo(WAIT_STEP) < 0 ? left : WAIT_STEP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Stops polling, lets uploads in progress finish (up to a bound) and starts no more; those not started stay
     * unparsed and are released, so that the next process to poll (this one started again, or another) takes them up
     * at once. Threads are not interrupted: an interrupt during index I/O would close the index.
     */
    @Override
    public void close() {
        closing = true;
        heartbeat.stopped();
        ScheduledExecutorService polling;
        synchronized (this) {
            polling = poller;
            poller = null;
        }
        try {
            if (polling != null) {
                polling.shutdown();
                polling.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            executor.shutdown();
            if (executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS) && !working.isEmpty()) {
                // Only once nothing here works on them any more: released earlier, another process could take one
                // up while this one still finishes it. Cut off while still running, they wait for their hold to end.
                store.holdUploads(Set.copyOf(working), clock.instant());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
