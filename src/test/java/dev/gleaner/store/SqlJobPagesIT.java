package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static dev.gleaner.store.Fixtures.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageListing;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageRecord;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.SkipReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pages listing of a job: admission order, outcomes (in progress too), the outcome filter and cursor paging. */
class SqlJobPagesIT extends DatabaseTest {
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void everyUrlIsListedInAdmissionOrderWithWhatBecameOfIt(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = mixedJob(stores, kb);
        String datasetId = Fixtures.frontierColumn(stores.database(), job.id(), "a.test/0", "dataset_id");

        PageListing listing =
                stores.jobs().pages(kb.id(), job.id(), null, 100, null).orElseThrow();

        assertThat(listing.nextCursor()).isNull();
        assertThat(listing.pages())
                .containsExactly(
                        new PageRecord("https://a.test/0", PageOutcome.INGESTED, null, 200, 1, 1, datasetId, T1),
                        new PageRecord(
                                "https://a.test/1",
                                PageOutcome.FAILED,
                                "HTTP 404 from https://a.test/1",
                                404,
                                1,
                                1,
                                null,
                                T1),
                        new PageRecord("https://a.test/2", PageOutcome.PROCESSING, null, null, 1, 1, null, T2),
                        new PageRecord("https://a.test/private", PageOutcome.ROBOTS, null, null, 1, 0, null, T0),
                        new PageRecord("https://a.test/3", PageOutcome.PENDING, "Server busy", 503, 1, 1, null, T2),
                        new PageRecord("https://a.test/4", PageOutcome.PENDING, null, null, 2, 0, null, T1),
                        new PageRecord("https://b.test/", PageOutcome.OUT_OF_SCOPE, null, null, 2, 0, null, T1),
                        new PageRecord("https://a.test/5", PageOutcome.OVER_LIMIT, null, null, 2, 0, null, T1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theOutcomeFilterKeepsOnlyUrlsWithThatOutcome(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = mixedJob(stores, kb);

        assertThat(urls(stores, job, "pending")).containsExactly("https://a.test/3", "https://a.test/4");
        assertThat(urls(stores, job, "processing")).containsExactly("https://a.test/2");
        assertThat(urls(stores, job, "failed")).containsExactly("https://a.test/1");
        assertThat(urls(stores, job, "ingested")).containsExactly("https://a.test/0");
        assertThat(urls(stores, job, "robots")).containsExactly("https://a.test/private");
        assertThat(urls(stores, job, "outOfScope")).containsExactly("https://b.test/");
        assertThat(urls(stores, job, "cancelled")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aCursorPagesThroughEveryUrlOnceToTheEnd(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 100, Fixtures.urls("a.test", 7));
        List<String> expected =
                Fixtures.urls("a.test", 7).stream().map(FoundUrl::url).toList();

        List<PageListing> pages = readAll(stores, job, null, 3);

        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(page -> page.pages().size()).containsExactly(3, 3, 1);
        assertThat(pages.get(0).nextCursor()).isNotNull();
        assertThat(pages.get(2).nextCursor()).isNull();
        assertThat(pages.stream().flatMap(page -> page.pages().stream()).map(PageRecord::url))
                .containsExactlyElementsOf(expected);
        assertThat(readAll(stores, job, null, 7)).singleElement().satisfies(page -> {
            assertThat(page.pages()).hasSize(7);
            assertThat(page.nextCursor()).isNull();
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aFilteredListingPagesThroughItsOwnUrlsOnly(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        List<FoundUrl> seeds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seeds.add(url("a.test", "/" + i));
            seeds.add(Fixtures.skipped("b.test", "/" + i, SkipReason.OUT_OF_SCOPE));
        }
        CrawlJob job = Fixtures.created(stores, kb, 100, seeds);

        List<PageListing> pages = readAll(stores, job, "outOfScope", 2);

        assertThat(pages).extracting(page -> page.pages().size()).containsExactly(2, 2, 1);
        assertThat(pages.stream().flatMap(page -> page.pages().stream()).map(PageRecord::url))
                .containsExactly(
                        "https://b.test/0",
                        "https://b.test/1",
                        "https://b.test/2",
                        "https://b.test/3",
                        "https://b.test/4");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aCursorTheListingDidNotReturnIsRefused(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 2));

        for (String cursor : List.of("", "12", "p", "p-1", "pZZ", "p1234567890123", "p1 ")) {
            assertThatThrownBy(() -> stores.jobs().pages(kb.id(), job.id(), null, 10, cursor))
                    .as("cursor '%s'", cursor)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theListingOfAnUnknownJobOrOfAnotherKnowledgebasesJobIsEmpty(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Knowledgebase other = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 2));

        assertThat(stores.jobs().pages(kb.id(), "job_unknown", null, 10, null)).isEmpty();
        assertThat(stores.jobs().pages(other.id(), job.id(), null, 10, null)).isEmpty();
    }

    /**
     * A job with one URL of each kind: ingested, failed, processing, robots, retried, pending, out of scope and over the
     * limit (of 6), all at depth 1 (seeds) or 2 (links of the ingested page).
     */
    private static CrawlJob mixedJob(Stores stores, Knowledgebase kb) {
        List<FoundUrl> seeds = List.of(
                url("a.test", "/0"),
                url("a.test", "/1"),
                url("a.test", "/2"),
                Fixtures.skipped("a.test", "/private", SkipReason.ROBOTS),
                url("a.test", "/3"));
        CrawlJob job = Fixtures.created(stores, kb, 5, seeds);
        List<Lease> leases = stores.frontier().claim("w1", 2, T0, Fixtures.policy(10, 3));
        List<FoundUrl> links = List.of(
                new FoundUrl("https://a.test/4", "a.test/4", "a.test", 2, null),
                new FoundUrl("https://b.test/", "b.test/", "b.test", 2, SkipReason.OUT_OF_SCOPE),
                new FoundUrl("https://a.test/5", "a.test/5", "a.test", 2, null));
        stores.frontier().complete(leases.get(0), Fixtures.ingested(leases.get(0), 1, links, T1), T1);
        stores.frontier()
                .complete(
                        leases.get(1),
                        new PageResult.Failed(PageOutcome.FAILED, "HTTP 404 from https://a.test/1", 404),
                        T1);
        List<Lease> next = stores.frontier().claim("w1", 2, T2, Fixtures.policy(10, 3));
        assertThat(next).extracting(Lease::urlKey).containsExactly("a.test/2", "a.test/3");
        stores.frontier().complete(next.get(1), new PageResult.Retry("Server busy", 503, T2.plusSeconds(60)), T2);
        return job;
    }

    private static List<String> urls(Stores stores, CrawlJob job, String outcome) {
        return readAll(stores, job, outcome, 100).stream()
                .flatMap(page -> page.pages().stream())
                .map(PageRecord::url)
                .toList();
    }

    /** Every page of the listing, following nextCursor; fails if it does not end. */
    private static List<PageListing> readAll(Stores stores, CrawlJob job, @Nullable String outcome, int limit) {
        List<PageListing> pages = new ArrayList<>();
        String cursor = null;
        do {
            PageListing page = stores.jobs()
                    .pages(
                            job.knowledgebaseId(),
                            job.id(),
                            outcome == null ? null : PageOutcome.fromWire(outcome),
                            limit,
                            cursor)
                    .orElseThrow();
            pages.add(page);
            cursor = page.nextCursor();
            assertThat(pages).as("pages read").hasSizeLessThan(1_000);
        } while (cursor != null);
        return pages;
    }
}
