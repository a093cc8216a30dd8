package dev.gleaner.jobs;

import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.PageValidators;
import dev.gleaner.ingest.StoredFile;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How processing one leased URL ended. Crawl failures are data, not exceptions. */
public sealed interface PageResult {

    /**
     * The page is chunked, embedded and already in the search index; {@code links} were found on it. {@code sourceKey}
     * is the normalized final URL the dataset is stored under (one dataset per key and knowledgebase).
     */
    record Ingested(
            Dataset dataset,
            String sourceKey,
            List<EmbeddedChunk> chunks,
            StoredFile original,
            @Nullable Integer httpStatus,
            List<FoundUrl> links)
            implements PageResult {}

    /**
     * The page is already a dataset of the knowledgebase, and its text changed: {@code dataset} is that dataset (same
     * id and creation time) with the new fields, {@code chunks} (new ids, already in the search index) replace the
     * chunks it had, {@code replacedChunkIds}, when it still has the content hash {@code previousContentHash} it had
     * when the page was processed. Counted in {@code done} with outcome {@code updated}.
     */
    record Updated(
            Dataset dataset,
            String sourceKey,
            String previousContentHash,
            List<EmbeddedChunk> chunks,
            List<String> replacedChunkIds,
            StoredFile original,
            @Nullable Integer httpStatus,
            List<FoundUrl> links)
            implements PageResult {}

    /**
     * The URL failed for good. {@code outcome} is one counted as failed ({@code failed}, {@code unsupported},
     * {@code robots}, {@code outOfScope}); {@code reason} says why in words a person understands.
     */
    record Failed(PageOutcome outcome, String reason, @Nullable Integer httpStatus) implements PageResult {
        public Failed {
            if (outcome.counter() != PageOutcome.Counter.FAILED) {
                throw new IllegalArgumentException("Not an outcome of a failed page: " + outcome.wire());
            }
        }
    }

    /**
     * Processing ended well without a new dataset: {@code outcome} is {@code noindex} (the page asked not to be
     * indexed), {@code empty} (it has no text, or its main content is only links: nothing to index), {@code duplicate}
     * (its content equals a dataset the knowledgebase already has) or {@code unchanged} (the page's dataset already has
     * this content: nothing is embedded again).
     * Counted in {@code done}; {@code links} are admitted as for an ingested page. {@code datasetId} names the dataset
     * an {@code unchanged} page confirmed (null otherwise), so that a sync counts it seen again; {@code validators},
     * when not null, are what that dataset now records of the page's version (a page fetched again and found unchanged,
     * by its content hash or by a 304).
     */
    record Settled(
            PageOutcome outcome,
            String reason,
            @Nullable Integer httpStatus,
            List<FoundUrl> links,
            @Nullable String datasetId,
            @Nullable PageValidators validators)
            implements PageResult {
        /** A settled page that confirmed no dataset. */
        public Settled(PageOutcome outcome, String reason, @Nullable Integer httpStatus, List<FoundUrl> links) {
            this(outcome, reason, httpStatus, links, null, null);
        }

        /** A settled page that confirmed dataset {@code datasetId} (or none), recording no validators. */
        public Settled(
                PageOutcome outcome,
                String reason,
                @Nullable Integer httpStatus,
                List<FoundUrl> links,
                @Nullable String datasetId) {
            this(outcome, reason, httpStatus, links, datasetId, null);
        }

        /** This result recording {@code newValidators} for the dataset it confirmed. */
        public Settled withValidators(@Nullable PageValidators newValidators) {
            return new Settled(outcome, reason, httpStatus, links, datasetId, newValidators);
        }

        public Settled {
            if (outcome.counter() != PageOutcome.Counter.DONE
                    || outcome == PageOutcome.INGESTED
                    || outcome == PageOutcome.UPDATED) {
                throw new IllegalArgumentException("Not an outcome of a settled page: " + outcome.wire());
            }
        }
    }

    /** A transient failure: the URL goes back to pending and may be claimed again at {@code notBefore}. */
    record Retry(String reason, @Nullable Integer httpStatus, Instant notBefore) implements PageResult {}
}
