package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.Changes;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageRecord;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.RemovalSweep;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.jobs.WebhookTarget;
import dev.gleaner.testapp.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The end of a sync in the store, on SQLite and PostgreSQL: a complete sync deletes the datasets of its source it did
 * not see again (with their chunks, files, feed entries, a {@code removed} row and a {@code crawl.page} event) in the
 * transaction that completes it, keeps those whose page failed transiently, and counts its change report; a
 * cancelled sync, one that reached its limit, and a one-off crawl remove nothing.
 */
class SyncRemovalIT extends DatabaseTest {
    private static final String SOURCE = "src_test_docs";
    private static final WebhookTarget WEBHOOK =
            new WebhookTarget("https://hooks.test/in", Map.of(), WebhookTarget.EVENTS);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aCompleteSyncRemovesWhatItNoLongerFoundAndKeepsWhatFailedTransiently(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Map<String, String> ids = firstSync(stores, kb);
        long feedBefore = Fixtures.rows(stores.database(), "index_changes");

        // A answers 503 until its retries are used up, B is unchanged, C answers 404, D is no longer listed.
        CrawlJob second =
                run(stores, kb, sync(10), T0.plusSeconds(100), List.of("a", "b", "c"), lease -> switch (key(lease)) {
                    case "a" -> new PageResult.Failed(PageOutcome.FAILED, "HTTP 503 from " + lease.url(), 503);
                    case "b" -> new PageResult.Settled(PageOutcome.UNCHANGED, "Same", 200, List.of(), ids.get("b"));
                    default -> new PageResult.Failed(PageOutcome.FAILED, "HTTP 404 from " + lease.url(), 404);
                });

        assertThat(second.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(List.of(second.total(), second.done(), second.failed())).containsExactly(3L, 1L, 2L);
        assertThat(second.changes()).isEqualTo(new Changes(0, 0, 1, 2));
        assertThat(datasetIds(stores, kb)).containsExactlyInAnyOrder(ids.get("a"), ids.get("b"));
        assertThat(Fixtures.rows(stores.database(), "chunks")).isEqualTo(4);
        assertThat(Fixtures.rows(stores.database(), "dataset_files")).isEqualTo(2);
        assertThat(Fixtures.rows(stores.database(), "index_changes")).isEqualTo(feedBefore + 2);
        List<PageRecord> removed = stores.jobs()
                .pages(kb.id(), second.id(), PageOutcome.REMOVED, 10, null)
                .orElseThrow()
                .pages();
        assertThat(removed)
                .extracting(PageRecord::url)
                .containsExactlyInAnyOrder("https://site-a.test/c", "https://site-a.test/d");
        assertThat(removed).extracting(PageRecord::datasetId).containsExactlyInAnyOrder(ids.get("c"), ids.get("d"));
        assertThat(removed.stream()
                        .filter(page -> page.url().endsWith("/c"))
                        .findFirst()
                        .orElseThrow()
                        .reason())
                .startsWith("This complete sync of its source found the page failed (HTTP 404)");
        assertThat(events(stores, second, "crawl.page"))
                .filteredOn(body -> body.contains("\"removed\""))
                .hasSize(2);
        List<String> all = events(stores, second, null);
        assertThat(all.getLast()).contains("crawl.completed");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aSyncThatReachedItsLimitACancelledSyncAndAOneOffCrawlRemoveNothing(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Map<String, String> ids = firstSync(stores, kb);
        Function<Lease, PageResult> unchanged =
                lease -> new PageResult.Settled(PageOutcome.UNCHANGED, "Same", 200, List.of(), ids.get(key(lease)));

        CrawlJob limited = run(stores, kb, sync(1), T0.plusSeconds(100), List.of("a", "b"), unchanged);
        CrawlJob oneOff = run(stores, kb, spec(10), T0.plusSeconds(200), List.of("a"), unchanged);
        CrawlJob cancelled = stores.jobs().create(Fixtures.job(kb, sync(10), T0.plusSeconds(300)), seeds(List.of("a")));
        stores.jobs().cancel(kb.id(), cancelled.id(), T0.plusSeconds(301));

        assertThat(limited.limitReached()).isTrue();
        assertThat(limited.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(limited.changes()).isEqualTo(new Changes(0, 0, 1, 0));
        assertThat(oneOff.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(oneOff.changes().removed()).isZero();
        assertThat(find(stores, kb, cancelled).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(datasetIds(stores, kb)).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void withAGracePeriodASyncMarksWhatItMissedAndALaterSyncThatSeesItClearsTheMark(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlFrontier graceful = new SqlFrontier(stores.database(), Duration.ofHours(1));
        Stores withGrace = new Stores(
                stores.database(), stores.catalog(), stores.keys(), stores.jobs(), graceful, stores.datasets());
        Knowledgebase kb = Fixtures.knowledgebase(withGrace);
        Map<String, String> ids = firstSync(withGrace, kb);
        Function<Lease, PageResult> unchanged =
                lease -> new PageResult.Settled(PageOutcome.UNCHANGED, "Same", 200, List.of(), ids.get(key(lease)));
        Instant missed = T0.plusSeconds(100);

        CrawlJob second = run(withGrace, kb, sync(10), missed, List.of("a", "b", "c"), unchanged);
        Instant markedAt = removedAt(stores, ids.getOrDefault("d", ""));
        CrawlJob third = run(withGrace, kb, sync(10), T0.plusSeconds(200), List.of("a", "b", "c", "d"), unchanged);
        Instant cleared = removedAt(stores, ids.getOrDefault("d", ""));
        CrawlJob fourth = run(withGrace, kb, sync(10), T0.plusSeconds(300), List.of("a", "b", "c"), unchanged);
        MutableClock clock = new MutableClock(T0.plusSeconds(300).plus(Duration.ofMinutes(59)));
        RemovalSweep sweep = new RemovalSweep(new SqlMarkedDatasets(stores.database()), Duration.ofHours(1), clock);
        long early = sweep.sweep();
        boolean stillThere = datasetIds(stores, kb).contains(ids.get("d"));
        long feedBefore = Fixtures.rows(stores.database(), "index_changes");
        clock.advance(Duration.ofMinutes(1));
        long due = sweep.sweep();
        long again = sweep.sweep();

        assertThat(second.changes()).isEqualTo(new Changes(0, 0, 3, 1));
        assertThat(markedAt).isEqualTo(missed);
        assertThat(third.changes()).isEqualTo(new Changes(0, 0, 4, 0));
        assertThat(cleared).isNull();
        assertThat(fourth.changes().removed()).isEqualTo(1);
        assertThat(early).isZero();
        assertThat(stillThere).isTrue();
        assertThat(due).isEqualTo(1);
        assertThat(again).isZero();
        assertThat(Fixtures.rows(stores.database(), "index_changes")).isEqualTo(feedBefore + 1);
        assertThat(datasetIds(stores, kb)).doesNotContain(ids.get("d")).hasSize(3);
    }

    /** A first sync that stores a, b, c and d of site-a.test; returns their dataset ids by letter. */
    private static Map<String, String> firstSync(Stores stores, Knowledgebase kb) {
        Map<String, String> ids = new HashMap<>();
        CrawlJob first = run(stores, kb, sync(10), T0, List.of("a", "b", "c", "d"), lease -> {
            PageResult.Ingested ingested = Fixtures.ingested(lease, 2, List.of(), T0);
            ids.put(key(lease), ingested.dataset().id());
            return new PageResult.Ingested(
                    ingested.dataset(), lease.urlKey(), ingested.chunks(), ingested.original(), 200, List.of());
        });
        assertThat(first.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(first.changes()).isEqualTo(new Changes(4, 0, 0, 0));
        assertThat(sourceIds(stores, kb)).containsOnly(SOURCE).hasSize(4);
        return ids;
    }

    private static CrawlJob run(
            Stores stores,
            Knowledgebase kb,
            CrawlSpec spec,
            Instant at,
            List<String> pages,
            Function<Lease, PageResult> ending) {
        CrawlJob job = stores.jobs().create(Fixtures.job(kb, spec, at), seeds(pages));
        for (Lease lease : stores.frontier().claim("w1", 10, at, Fixtures.policy(10, 3))) {
            stores.frontier().complete(lease, ending.apply(lease), at);
        }
        return find(stores, kb, job);
    }

    private static CrawlSpec sync(int limit) {
        return spec(limit).withSourceId(SOURCE);
    }

    private static CrawlSpec spec(int limit) {
        return new CrawlSpec(
                JobMode.BATCH, null, limit, 3, List.of(), List.of(), false, false, SitemapPolicy.SKIP, false, WEBHOOK);
    }

    private static List<FoundUrl> seeds(List<String> pages) {
        List<FoundUrl> seeds = new ArrayList<>();
        for (String page : pages) {
            seeds.add(FoundUrl.candidate("https://site-a.test/" + page, "site-a.test/" + page, "site-a.test", 0));
        }
        return seeds;
    }

    private static String key(Lease lease) {
        return lease.urlKey().substring(lease.urlKey().lastIndexOf('/') + 1);
    }

    private static CrawlJob find(Stores stores, Knowledgebase kb, CrawlJob job) {
        return stores.jobs().find(kb.id(), job.id()).orElseThrow();
    }

    private static List<String> datasetIds(Stores stores, Knowledgebase kb) {
        return stores.datasets().list(kb.id(), 100, 0).stream()
                .map(dev.gleaner.ingest.Dataset::id)
                .toList();
    }

    private static List<String> sourceIds(Stores stores, Knowledgebase kb) {
        return strings(stores, "SELECT source_id FROM datasets WHERE knowledgebase_id = ?", kb.id());
    }

    private static List<String> events(Stores stores, CrawlJob job, @Nullable String event) {
        return event == null
                ? strings(stores, "SELECT event FROM webhook_events WHERE job_id = ? ORDER BY seq", job.id())
                : strings(
                        stores,
                        "SELECT body FROM webhook_events WHERE job_id = ? AND event = '" + event + "' ORDER BY seq",
                        job.id());
    }

    private static @Nullable Instant removedAt(Stores stores, String datasetId) {
        List<String> at = strings(stores, "SELECT removed_at FROM datasets WHERE id = ?", datasetId);
        return at.getFirst() == null ? null : Instant.ofEpochMilli(Long.parseLong(at.getFirst()));
    }

    private static List<String> strings(Stores stores, String sql, String parameter) {
        return stores.database().read(connection -> {
            try (var select = connection.prepareStatement(sql)) {
                select.setString(1, parameter);
                List<String> values = new ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
                return values;
            }
        });
    }
}
