package dev.gleaner.pipeline;

import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.crawl.Fetcher;
import dev.gleaner.index.SearchIndex;
import dev.gleaner.ingest.ChunkEmbedder;
import dev.gleaner.ingest.Chunker;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.DatasetStore;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingModels;
import dev.gleaner.ingest.EmptyContent;
import dev.gleaner.ingest.ExtractedPage;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.Frontier;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.limits.QuotaUse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline behind one leased URL: robots.txt → fetch → extract text and links → (canonical, noindex, nothing to
 * index, duplicate content, or the page's dataset already holds this text) → chunk → embed → add to the search index.
 * A page the knowledgebase already has a dataset for (same source key) updates that dataset in place. It stores nothing in SQL:
 * the returned {@link PageResult} is recorded by {@link Frontier#complete} in one transaction. An ingested page is
 * already searchable when this returns, so {@code done} only ever counts searchable pages.
 *
 * <p>Every fetch is charged to the daily page quota of the job's owner first. Once it is used up the URL is not
 * fetched but fails with a reason saying so and when the quota resets; the job's failed URLs can be retried then. So
 * a job that runs out of quota ends with every remaining URL accounted for, none silently dropped.
 */
public final class PageProcessor {
    private final Fetcher fetcher;
    private final RobotsGate robots;
    private final PageRendering reader;
    private final LinkScoper links;
    private final PageIngestion ingestion;
    private final EmbeddingModels models;
    private final DatasetStore datasets;
    private final Retries retries;
    private final Revisits revisits;
    private final DailyQuotas quotas;
    private final Clock clock;

    /** What the pipeline is made of; the processor only orders the steps. */
    public record Parts(
            Fetcher fetcher,
            PageReader reader,
            LinkScoper links,
            Chunker chunker,
            EmbeddingModels models,
            SearchIndex index,
            DatasetStore datasets,
            Frontier frontier,
            dev.gleaner.crawl.RobotsPolicy robots,
            Renderer renderer) {}

    public PageProcessor(Parts parts, DailyQuotas quotas, Clock clock, WorkerSettings settings) {
        this.quotas = quotas;
        this.fetcher = parts.fetcher();
        this.reader = new PageRendering(parts.reader(), parts.renderer());
        this.links = parts.links();
        this.models = parts.models();
        this.datasets = parts.datasets();
        this.clock = clock;
        this.retries = new Retries(settings, clock);
        this.ingestion =
                new PageIngestion(new ChunkEmbedder(parts.chunker()), parts.index(), parts.datasets(), retries, clock);
        this.robots = new RobotsGate(parts.robots(), parts.frontier(), retries, settings.defaultGap());
        this.revisits = new Revisits(parts.datasets(), parts.links(), clock);
    }

    public PageResult process(Lease lease) {
        URI url = URI.create(lease.url());
        String unreadable = lease.spec().headers().unreadable();
        if (unreadable != null) {
            // Fetching without the headers the job was given would crawl another site than the one asked for.
            return new PageResult.Failed(PageOutcome.FAILED, unreadable, null);
        }
        Optional<PageResult> refused = robots.refusal(lease, url);
        if (refused.isPresent()) {
            return refused.get();
        }
        QuotaUse quota = quotas.chargePageOf(lease.projectId());
        if (!quota.allowed()) {
            return new PageResult.Failed(
                    PageOutcome.FAILED,
                    "Not fetched: the owner's daily quota of " + quota.limit()
                            + " page fetches is used up; it resets at " + quota.resetsAt()
                            + ". Retry this job's failed pages after that (POST …/crawl/jobs/" + lease.jobId()
                            + "/retry)",
                    null);
        }
        Revisits.Revisit revisit = revisits.before(lease, url);
        return switch (fetcher.fetch(url, JobHeaders.of(lease.spec(), url), revisit.validators())) {
            case FetchOutcome.Failure failure ->
                failure.transientError()
                        ? transientFailure(lease, url, failure.reason(), null, null)
                        : failed(failure.reason(), null);
            case FetchOutcome.HttpError error -> httpError(lease, error);
            case FetchOutcome.NotModified notModified -> revisits.notModified(lease, revisit, notModified);
            case FetchOutcome.Fetched fetched -> read(lease, fetched, revisit);
        };
    }

    private PageResult httpError(Lease lease, FetchOutcome.HttpError error) {
        String reason = "HTTP " + error.status() + " from " + error.finalUrl();
        if (!error.transientError()) {
            return failed(reason, error.status());
        }
        return transientFailure(lease, error.finalUrl(), reason, error.status(), error.retryAfter());
    }

    /**
     * A transient failure is retried later, and the whole server is held back until then: a server that keeps
     * failing (or asks every client to wait with Retry-After) is slowed, and its hold only ever moves later.
     */
    private PageResult transientFailure(
            Lease lease, URI server, String reason, @Nullable Integer status, java.time.@Nullable Duration retryAfter) {
        PageResult result = retries.retryOrFail(lease, PageOutcome.FAILED, reason, status, retryAfter);
        if (result instanceof PageResult.Retry retry) {
            robots.holdBack(server, retry.notBefore());
        } else if (retryAfter != null) {
            robots.holdBack(server, clock.instant().plus(retryAfter));
        }
        return result;
    }

    private PageResult read(Lease lease, FetchOutcome.Fetched fetched, Revisits.Revisit revisit) {
        Optional<String> outOfScope = links.redirectedOutOfScope(lease, fetched.finalUrl());
        if (outOfScope.isPresent()) {
            return new PageResult.Failed(PageOutcome.OUT_OF_SCOPE, outOfScope.get(), fetched.status());
        }
        PageReader.Reading reading = reader.read(lease, fetched);
        return switch (reading) {
            case PageReader.Reading.Unsupported unsupported ->
                new PageResult.Failed(PageOutcome.UNSUPPORTED, unsupported.reason(), fetched.status());
            case PageReader.Reading.Unreadable unreadable ->
                new PageResult.Failed(PageOutcome.FAILED, unreadable.reason(), fetched.status());
            case PageReader.Reading.Read read ->
                revisits.stamped(
                        settleOrIngest(
                                lease,
                                new FetchOutcome.Fetched(
                                        fetched.finalUrl(), fetched.status(), read.contentType(), fetched.body()),
                                read.page(),
                                revisit),
                        fetched,
                        read,
                        revisit);
        };
    }

    private PageResult settleOrIngest(
            Lease lease, FetchOutcome.Fetched fetched, ExtractedPage page, Revisits.Revisit revisit) {
        List<FoundUrl> found = links.scope(lease, fetched.finalUrl(), page);
        PageResult notForThisUrl = canonicalOrNoindex(lease, fetched, page, found);
        if (notForThisUrl != null) {
            return notForThisUrl;
        }
        String hash = sha256(page.text());
        String sourceKey = links.sourceKey(fetched.finalUrl());
        // Without a redirect the page's dataset was looked up just before the fetch; another job storing it meanwhile
        // is caught when the result is recorded (the page is then processed again).
        Optional<Dataset> stored = fetched.finalUrl()
                        .toString()
                        .equals(revisit.requested().toString())
                ? Optional.ofNullable(revisit.known())
                : datasets.findBySource(
                        lease.knowledgebaseId(), sourceKey, fetched.finalUrl().toString());
        String nothingToIndex = EmptyContent.reason(page);
        if (nothingToIndex != null) {
            return empty(nothingToIndex, stored.orElse(null), fetched.status(), found);
        }
        PageResult known = alreadyKnown(lease, hash, stored.orElse(null), fetched.status(), found);
        if (known != null) {
            return known;
        }
        Optional<Embedder> embedder = models.find(lease.embeddingModelName());
        if (embedder.isEmpty()) {
            return failed(
                    "The embedding model '" + lease.embeddingModelName() + "' is not available", fetched.status());
        }
        return ingestion.ingest(
                lease,
                fetched,
                page,
                new PageIngestion.Content(hash, sourceKey, stored.orElse(null)),
                embedder.get(),
                found);
    }

    /** A page naming another URL as its canonical one ends {@code duplicate}; one asking not to be indexed, so. */
    private @Nullable PageResult canonicalOrNoindex(
            Lease lease, FetchOutcome.Fetched fetched, ExtractedPage page, List<FoundUrl> found) {
        Optional<FoundUrl> canonical = links.canonicalElsewhere(lease, fetched.finalUrl(), page);
        if (canonical.isPresent()) {
            List<FoundUrl> withCanonical = new ArrayList<>(found);
            withCanonical.add(canonical.get());
            return new PageResult.Settled(
                    PageOutcome.DUPLICATE,
                    "The page names " + canonical.get().url() + " as its canonical URL",
                    fetched.status(),
                    withCanonical);
        }
        if (page.noindex()) {
            return new PageResult.Settled(PageOutcome.NOINDEX, PageOutcome.NOINDEX.reason(), fetched.status(), found);
        }
        return null;
    }

    /** The page's text is already stored: as this page ({@code unchanged}) or, for a new page, as another one. */
    private @Nullable PageResult alreadyKnown(
            Lease lease, String hash, @Nullable Dataset stored, @Nullable Integer status, List<FoundUrl> found) {
        if (stored != null && hash.equals(stored.contentHash())) {
            return new PageResult.Settled(
                    PageOutcome.UNCHANGED,
                    "Already in the knowledgebase with the same content (" + stored.id() + ")",
                    status,
                    found,
                    stored.id());
        }
        if (stored != null) {
            // A page whose dataset changed is updated even when its new text equals another page's: the dataset
            // must not keep stale text.
            return null;
        }
        return datasets.findByContentHash(lease.knowledgebaseId(), hash)
                .<PageResult>map(same -> new PageResult.Settled(
                        PageOutcome.DUPLICATE,
                        "Same content as " + same.fileUrl() + " (" + same.id() + ")",
                        status,
                        found))
                .orElse(null);
    }

    /**
     * A page with nothing to index ends {@code empty}, counted in {@code done}, with its links admitted; it is stored
     * as no dataset, so it is never the original of a {@code duplicate}. A dataset stored from it before is kept: a
     * page that lost its text is treated like one that failed to load, not as a request to delete.
     */
    static PageResult empty(String reason, @Nullable Dataset previous, @Nullable Integer status, List<FoundUrl> found) {
        StringBuilder text = new StringBuilder(reason);
        if (!found.isEmpty()) {
            text.append("; its links were followed");
        }
        if (previous != null) {
            text.append("; the dataset stored from it before (")
                    .append(previous.id())
                    .append(") is kept");
        }
        return new PageResult.Settled(PageOutcome.EMPTY, text.toString(), status, found);
    }

    static PageResult failed(String reason, @Nullable Integer status) {
        return new PageResult.Failed(PageOutcome.FAILED, reason, status);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
