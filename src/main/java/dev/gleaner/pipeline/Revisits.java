package dev.gleaner.pipeline;

import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.crawl.Validators;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.DatasetStore;
import dev.gleaner.ingest.ExtractedPage;
import dev.gleaner.ingest.PageValidators;
import dev.gleaner.jobs.FoundUrl;
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
 * anything. After a fetch it stamps the result with the validators the server sent, the fetch time and the page's
 * links, which the frontier stores with the dataset.
 *
 * <p>When the job follows the page's links, the request is conditional only if the links of the stored version were
 * recorded: a 304 carries no links, so they are followed as recorded (scoped anew for this job, as a fetched page's
 * are). Without them a crawl would miss the pages reachable only through the unchanged page, and a sync would then
 * remove them; such a page is fetched in full, and when its text is unchanged the content hash still spares the
 * chunking and embedding. A page whose text needed a browser ({@link PageReader.Reading.Read#scripted}) records no
 * validators: its server's 304 would vouch for the script, not for the text.
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
     * A fetch of {@code requested} about to start: when it starts, the page's dataset as it was then ({@code known},
     * null when none), the dataset whose validators make the request conditional ({@code stored}: {@code known}, or
     * none when it has no validators, or its links are needed and were not recorded), and the links recorded with that
     * dataset when the job follows them.
     */
    record Revisit(
            Instant startedAt,
            URI requested,
            @Nullable Dataset known,
            @Nullable Dataset stored,
            @Nullable List<String> storedLinks) {
        Validators validators() {
            return stored == null ? Validators.NONE : validatorsOf(stored);
        }
    }

    /** What the fetch of {@code url} for {@code lease} may send to ask whether the page changed. */
    Revisit before(Lease lease, URI url) {
        Instant startedAt = clock.instant();
        Dataset known = datasets.findBySource(lease.knowledgebaseId(), links.sourceKey(url), url.toString())
                .orElse(null);
        if (known == null || validatorsOf(known).none()) {
            return new Revisit(startedAt, url, known, null, null);
        }
        if (!links.followsLinksFrom(lease)) {
            return new Revisit(startedAt, url, known, known, null);
        }
        Optional<List<String>> recorded = datasets.pageLinks(known.id());
        return recorded.isPresent()
                ? new Revisit(startedAt, url, known, known, recorded.get())
                : new Revisit(startedAt, url, known, null, null);
    }

    /**
     * The page answered 304: its dataset is confirmed as it is, with the validators the server sent now, and the links
     * recorded with it are followed when the job follows the page's links.
     */
    PageResult notModified(Lease lease, Revisit revisit, FetchOutcome.NotModified answer) {
        Dataset dataset = revisit.stored();
        if (dataset == null) {
            throw new IllegalStateException("A 304 to a request that carried no validators: " + answer.url());
        }
        List<String> recorded = revisit.storedLinks();
        List<FoundUrl> found = recorded == null ? List.of() : links.scopeRecorded(lease, answer.url(), recorded);
        return new PageResult.Settled(
                PageOutcome.UNCHANGED,
                "Not modified since it was fetched at " + fetchedAt(dataset)
                        + " (HTTP 304): already in the knowledgebase (" + dataset.id() + ")"
                        + (found.isEmpty() ? "" : "; its links were followed as they were then"),
                304,
                found,
                dataset.id(),
                new PageValidators(
                        answer.validators().etag(), answer.validators().lastModified(), revisit.startedAt()));
    }

    /**
     * {@code result} of a page fetched in full and read as {@code read}, recording {@code fetched}'s validators and
     * the page's links with the dataset it stored or confirmed; any other result as it is.
     */
    PageResult stamped(PageResult result, FetchOutcome.Fetched fetched, PageReader.Reading.Read read, Revisit revisit) {
        PageValidators validators = version(fetched, read, revisit);
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

    /** The version of the page {@code fetched} in full: none for a scripted page (its next request is unconditional). */
    private static PageValidators version(FetchOutcome.Fetched fetched, PageReader.Reading.Read read, Revisit revisit) {
        Validators sent = read.scripted() ? Validators.NONE : fetched.validators();
        ExtractedPage page = read.page();
        return new PageValidators(
                sent.etag(), sent.lastModified(), revisit.startedAt(), page.nofollow() ? List.of() : page.links());
    }

    private static Validators validatorsOf(Dataset dataset) {
        PageValidators stored = dataset.validators();
        return stored == null ? Validators.NONE : new Validators(stored.etag(), stored.lastModified());
    }

    private static Instant fetchedAt(Dataset dataset) {
        PageValidators stored = dataset.validators();
        if (stored == null) {
            throw new IllegalStateException("Dataset " + dataset.id() + " has no validators");
        }
        return stored.fetchedAt();
    }
}
