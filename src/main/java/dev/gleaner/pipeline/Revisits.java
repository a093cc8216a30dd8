package dev.gleaner.pipeline;

import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.crawl.Validators;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.DatasetStore;
import dev.gleaner.ingest.PageValidators;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Cheap re-sync of pages the knowledgebase already holds. Before a fetch it finds the page's dataset (by the source
 * key of the URL asked for, as the {@code unchanged} check does) and the validators stored with it, to make the
 * request conditional; a 304 then confirms that dataset as {@code unchanged} without reading, chunking or embedding
 * anything. After a fetch it stamps the result with the validators the server sent and the fetch time, which the
 * frontier stores with the dataset.
 *
 * <p>A request is made conditional only when the page's links would not be followed anyway (batch and sitemap jobs,
 * a crawl at its {@code maxDepth}, or with {@code sitemap: only}): a 304 carries no links, and a crawl that lost the
 * links of an unchanged page would miss the pages reachable only through it, and a sync would then remove them. Pages
 * whose links are followed are fetched in full; when their text is unchanged the content hash still spares the
 * chunking and embedding.
 */
final class Revisits {
    private final DatasetStore datasets;
    private final LinkScoper links;
    private final Clock clock;

    Revisits(DatasetStore datasets, LinkScoper links, Clock clock) {
        this.datasets = datasets;
        this.links = links;
        this.clock = clock;
    }

    /**
     * A fetch about to start: when it starts, and the dataset whose validators make it conditional (none when the
     * page has no dataset with validators, or its links are needed).
     */
    record Revisit(Instant startedAt, @Nullable Dataset stored) {
        Validators validators() {
            PageValidators known = stored == null ? null : stored.validators();
            return known == null ? Validators.NONE : new Validators(known.etag(), known.lastModified());
        }
    }

    /** What the fetch of {@code url} for {@code lease} may send to ask whether the page changed. */
    Revisit before(Lease lease, URI url) {
        Instant startedAt = clock.instant();
        if (links.followsLinksFrom(lease)) {
            return new Revisit(startedAt, null);
        }
        Optional<Dataset> stored = datasets.findBySource(lease.knowledgebaseId(), links.sourceKey(url), url.toString())
                .filter(dataset -> dataset.validators() != null);
        return new Revisit(startedAt, stored.orElse(null));
    }

    /** The page answered 304: its dataset is confirmed as it is, with the validators the server sent now. */
    PageResult notModified(Revisit revisit, FetchOutcome.NotModified answer) {
        Dataset dataset = revisit.stored();
        if (dataset == null) {
            throw new IllegalStateException("A 304 to a request that carried no validators: " + answer.url());
        }
        return new PageResult.Settled(
                PageOutcome.UNCHANGED,
                "Not modified since it was fetched at " + validatorsOf(dataset).fetchedAt()
                        + " (HTTP 304): already in the knowledgebase (" + dataset.id() + ")",
                304,
                List.of(),
                dataset.id(),
                stamp(answer.validators(), revisit.startedAt()));
    }

    /**
     * {@code result} of a page fetched in full, recording {@code fetched}'s validators with the dataset it stored or
     * confirmed; any other result as it is.
     */
    PageResult stamped(PageResult result, FetchOutcome.Fetched fetched, Revisit revisit) {
        PageValidators validators = stamp(fetched.validators(), revisit.startedAt());
        return switch (result) {
            case PageResult.Ingested ingested ->
                new PageResult.Ingested(
                        ingested.dataset().toBuilder().validators(validators).build(),
                        ingested.sourceKey(),
                        ingested.chunks(),
                        ingested.original(),
                        ingested.httpStatus(),
                        ingested.links());
            case PageResult.Updated updated ->
                new PageResult.Updated(
                        updated.dataset().toBuilder().validators(validators).build(),
                        updated.sourceKey(),
                        updated.previousContentHash(),
                        updated.chunks(),
                        updated.replacedChunkIds(),
                        updated.original(),
                        updated.httpStatus(),
                        updated.links());
            case PageResult.Settled settled when settled.datasetId() != null -> settled.withValidators(validators);
            default -> result;
        };
    }

    private static PageValidators stamp(Validators validators, Instant fetchedAt) {
        return new PageValidators(validators.etag(), validators.lastModified(), fetchedAt);
    }

    private static PageValidators validatorsOf(Dataset dataset) {
        PageValidators validators = dataset.validators();
        if (validators == null) {
            throw new IllegalStateException("Dataset " + dataset.id() + " has no validators");
        }
        return validators;
    }
}
