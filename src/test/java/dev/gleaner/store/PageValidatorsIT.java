package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.LEASE;
import static dev.gleaner.store.Fixtures.T0;
import static dev.gleaner.store.Fixtures.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.PageValidators;
import dev.gleaner.jobs.Changes;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.Seeded;
import dev.gleaner.jobs.SeedingLease;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.jobs.UnchangedSeed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crawled dataset keeps its page's validators and fetch time (stored, replaced by an update, refreshed by an
 * unchanged fetch), and seeds a sitemap says are unchanged end done at seeding, confirming their datasets.
 */
class PageValidatorsIT extends DatabaseTest {
    private static final String HOST = "a.test";
    private static final PageValidators FIRST = new PageValidators("\"v1\"", "Sun, 1 Mar 2026 09:00:00 GMT", T0);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aDatasetKeepsItsValidatorsAndAnUnchangedFetchReplacesThemAndItsFetchTime(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset stored = ingestOnce(stores, kb);
        Fixtures.created(stores, kb, 10, List.of(url(HOST, "/p0")));
        Lease again = claim(stores, T0.plusSeconds(10));
        PageValidators refreshed = new PageValidators("\"v1\"", null, T0.plusSeconds(10));

        boolean recorded = stores.frontier()
                .complete(
                        again,
                        new PageResult.Settled(
                                PageOutcome.UNCHANGED, "Not modified", 304, List.of(), stored.id(), refreshed),
                        T0.plusSeconds(11));

        Dataset after = stores.datasets().find(kb.id(), stored.id()).orElseThrow();
        assertThat(stored.validators()).isEqualTo(FIRST);
        assertThat(recorded).isTrue();
        assertThat(after.validators()).isEqualTo(refreshed);
        assertThat(after.toBuilder().validators(FIRST).build())
                .as("nothing else changed")
                .isEqualTo(stored);
        assertThat(Fixtures.outcomes(stores.database(), again.jobId())).isEqualTo(Map.of("unchanged", 1L));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anUpdateStoresTheValidatorsOfTheNewContent(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset stored = ingestOnce(stores, kb);
        Fixtures.created(stores, kb, 10, List.of(url(HOST, "/p0")));
        Lease again = claim(stores, T0.plusSeconds(10));
        PageValidators second = new PageValidators("\"v2\"", null, T0.plusSeconds(10));
        Dataset changed = stored.toBuilder()
                .contentHash("sha256:new")
                .updatedAt(T0.plusSeconds(10))
                .validators(second)
                .build();

        stores.frontier()
                .complete(
                        again,
                        new PageResult.Updated(
                                changed,
                                again.url(),
                                java.util.Objects.requireNonNull(stored.contentHash()),
                                Fixtures.chunks(changed, 1),
                                List.of(),
                                Fixtures.original(again.url()),
                                200,
                                List.of()),
                        T0.plusSeconds(10));

        assertThat(stores.datasets().find(kb.id(), stored.id()).orElseThrow().validators())
                .isEqualTo(second);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void unchangedSeedsEndDoneAtSeedingConfirmingTheirDatasetsWithinTheLimit(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset stored = ingestOnce(stores, kb);
        CrawlJob sitemap = stores.jobs()
                .create(Fixtures.job(kb, Fixtures.spec(JobMode.SITEMAP, SitemapPolicy.INCLUDE, 2), T0), List.of());
        SeedingLease lease = stores.frontier().claimSeeding("w1", 1, T0, LEASE).get(0);
        UnchangedSeed p0 = new UnchangedSeed(HOST + "/p0", stored.id(), "Not fetched: lastmod");
        UnchangedSeed overLimit = new UnchangedSeed(HOST + "/p2", stored.id(), "Not fetched: lastmod");

        Seeded recorded = stores.frontier()
                .seeded(
                        lease,
                        List.of(url(HOST, "/p0"), url(HOST, "/p1"), url(HOST, "/p2")),
                        List.of(p0, overLimit),
                        null,
                        T0.plusSeconds(5));

        CrawlJob job = stores.jobs().find(kb.id(), sitemap.id()).orElseThrow();
        assertThat(recorded)
                .as("held, one seed confirmed (the other is over the limit)")
                .isEqualTo(new Seeded(true, 1));
        assertThat(job.total()).isEqualTo(2);
        assertThat(job.done()).isEqualTo(1);
        assertThat(job.changes()).isEqualTo(new Changes(0, 0, 1, 0));
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(Fixtures.outcomes(stores.database(), sitemap.id()))
                .containsEntry("unchanged", 1L)
                .doesNotContainKey("ingested");
        assertThat(Fixtures.frontierColumn(stores.database(), sitemap.id(), HOST + "/p0", "dataset_id"))
                .isEqualTo(stored.id());
        assertThat(Fixtures.frontierColumn(stores.database(), sitemap.id(), HOST + "/p1", "state"))
                .isEqualTo("pending");
        assertThat(Fixtures.frontierColumn(stores.database(), sitemap.id(), HOST + "/p2", "state"))
                .isNotEqualTo("done");
        assertThat(stores.frontier().claim("w1", 10, T0.plusSeconds(6), Fixtures.policy(10, 3)))
                .extracting(Lease::url)
                .containsExactly("https://" + HOST + "/p1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aSitemapSyncWhoseSeedsAreUnchangedKeepsTheDatasetsItConfirmedAndRemovesTheOthers(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        String source = "src_resync";
        stores.jobs()
                .create(
                        Fixtures.job(kb, Fixtures.spec(10).withSourceId(source), T0),
                        List.of(seed("/p0"), seed("/p1")));
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (Lease lease : stores.frontier().claim("w1", 10, T0, Fixtures.policy(10, 3))) {
            PageResult.Ingested ingested = Fixtures.ingested(lease, 1, List.of(), T0);
            ids.put(lease.urlKey(), ingested.dataset().id());
            stores.frontier().complete(lease, ingested, T0);
        }
        CrawlJob sync = stores.jobs()
                .create(
                        Fixtures.job(
                                kb,
                                Fixtures.spec(JobMode.SITEMAP, SitemapPolicy.INCLUDE, 10)
                                        .withSourceId(source),
                                T0.plusSeconds(60)),
                        List.of());
        SeedingLease lease = stores.frontier()
                .claimSeeding("w1", 1, T0.plusSeconds(60), LEASE)
                .get(0);
        String kept = java.util.Objects.requireNonNull(ids.get(HOST + "/p0"));

        stores.frontier()
                .seeded(
                        lease,
                        List.of(seed("/p0")),
                        List.of(new UnchangedSeed(HOST + "/p0", kept, "Not fetched: lastmod")),
                        null,
                        T0.plusSeconds(61));

        CrawlJob finished = stores.jobs().find(kb.id(), sync.id()).orElseThrow();
        assertThat(finished.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(finished.changes()).isEqualTo(new Changes(0, 0, 1, 1));
        assertThat(stores.datasets().list(kb.id(), 10, 0))
                .extracting(Dataset::id)
                .containsExactly(kept);
    }

    private static dev.gleaner.jobs.FoundUrl seed(String path) {
        return dev.gleaner.jobs.FoundUrl.candidate("https://" + HOST + path, HOST + path, HOST, 0);
    }

    /** Ingests https://a.test/p0 with validators {@link #FIRST}; returns its stored dataset. */
    private static Dataset ingestOnce(Stores stores, Knowledgebase kb) {
        Fixtures.created(stores, kb, 10, List.of(url(HOST, "/p0")));
        Lease lease = claim(stores, T0);
        PageResult.Ingested ingested = Fixtures.ingested(lease, 2, T0, FIRST);
        assertThat(stores.frontier().complete(lease, ingested, T0)).isTrue();
        return stores.datasets().find(kb.id(), ingested.dataset().id()).orElseThrow();
    }

    private static Lease claim(Stores stores, Instant at) {
        List<Lease> leases = stores.frontier().claim("w1", 1, at, Fixtures.policy(10, 3));
        assertThat(leases).hasSize(1);
        return leases.get(0);
    }
}
