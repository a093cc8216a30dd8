package dev.gleaner.jobs;

import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.StoredFile;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How processing one leased URL ended. Crawl failures are data, not exceptions. */
public sealed interface PageResult {

    /** The page is chunked, embedded and already in the search index; {@code links} were found on it. */
    record Ingested(
            Dataset dataset,
            List<EmbeddedChunk> chunks,
            StoredFile original,
            @Nullable Integer httpStatus,
            List<FoundUrl> links)
            implements PageResult {}

    /**
     * The URL failed for good. {@code outcome} is {@code failed} or {@code unsupported}; {@code reason} says why in
     * words a person understands.
     */
    record Failed(String outcome, String reason, @Nullable Integer httpStatus) implements PageResult {}

    /**
     * Processing ended well without a new dataset: {@code outcome} is {@code noindex} (the page asked not to be
     * indexed), {@code duplicate} (its content equals a dataset the knowledgebase already has) or {@code unchanged}.
     * Counted in {@code done}; {@code links} are admitted as for an ingested page.
     */
    record Settled(String outcome, String reason, @Nullable Integer httpStatus, List<FoundUrl> links)
            implements PageResult {}

    /** A transient failure: the URL goes back to pending and may be claimed again at {@code notBefore}. */
    record Retry(String reason, @Nullable Integer httpStatus, Instant notBefore) implements PageResult {}
}
