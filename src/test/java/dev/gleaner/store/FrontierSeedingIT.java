package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.LEASE;
import static dev.gleaner.store.Fixtures.T0;
import static dev.gleaner.store.Fixtures.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.SeedingLease;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.jobs.SkipReason;
import dev.gleaner.jobs.Skipped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A job's seeding task: created pending when the job asks for sitemaps, claimed, expired, and ended. */
class FrontierSeedingIT extends DatabaseTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void onlyJobsAskingForSitemapsHaveASeedingTaskAndEachIsClaimedOnce(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob sitemap = create(stores, kb, JobMode.SITEMAP, SitemapPolicy.INCLUDE, 10, List.of());
        CrawlJob crawlWithSitemaps =
                create(stores, kb, JobMode.CRAWL, SitemapPolicy.ONLY, 10, List.of(url("site-a.test", "/")));
        create(stores, kb, JobMode.CRAWL, SitemapPolicy.SKIP, 10, List.of(url("site-a.test", "/")));
        create(stores, kb, JobMode.BATCH, SitemapPolicy.INCLUDE, 10, List.of(url("site-a.test", "/")));

        List<SeedingLease> leases = stores.frontier().claimSeeding("w1", 10, T0, LEASE);
        List<SeedingLease> again = stores.frontier().claimSeeding("w2", 10, T0, LEASE);

        assertThat(sitemap.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(sitemap.total()).isZero();
        assertThat(leases)
                .containsExactlyInAnyOrder(
                        new SeedingLease(sitemap.id(), kb.id(), sitemap.spec(), 1, "w1", T0.plus(LEASE)),
                        new SeedingLease(
                                crawlWithSitemaps.id(), kb.id(), crawlWithSitemaps.spec(), 1, "w1", T0.plus(LEASE)));
        assertThat(again).isEmpty();
        assertThat(find(stores, sitemap).status()).isEqualTo(JobStatus.RUNNING);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anExpiredSeedingLeaseIsReclaimedAndTheOldOneCanNoLongerEnd(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = create(stores, kb, JobMode.SITEMAP, SitemapPolicy.INCLUDE, 10, List.of());
        SeedingLease stale = stores.frontier().claimSeeding("w1", 1, T0, LEASE).get(0);
        Instant expiry = T0.plus(LEASE);

        assertThat(stores.frontier().claimSeeding("w2", 1, expiry, LEASE)).isEmpty();
        SeedingLease fresh = stores.frontier()
                .claimSeeding("w2", 1, expiry.plusMillis(1), LEASE)
                .get(0);

        assertThat(fresh.attempt()).isEqualTo(2);
        assertThat(fresh.workerId()).isEqualTo("w2");
        assertThat(stores.frontier().seeded(stale, List.of(url("a.test", "/stale")), null, expiry))
                .isFalse();
        assertThat(find(stores, job).total()).isZero();
        assertThat(stores.frontier().seeded(fresh, List.of(url("a.test", "/fresh")), null, expiry))
                .isTrue();
        assertThat(find(stores, job).total()).isEqualTo(1);
        assertThat(stores.frontier().seeded(fresh, List.of(url("a.test", "/twice")), null, expiry))
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void seededUrlsAreAdmittedAsLinksAreAndThenClaimable(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = create(stores, kb, JobMode.CRAWL, SitemapPolicy.INCLUDE, 3, List.of(url("a.test", "/")));
        SeedingLease lease = stores.frontier().claimSeeding("w1", 1, T0, LEASE).get(0);
        List<FoundUrl> listed = List.of(
                url("a.test", "/"),
                url("a.test", "/1"),
                url("a.test", "/1"),
                Fixtures.skipped("a.test", "/private", SkipReason.ROBOTS),
                url("a.test", "/2"),
                url("a.test", "/3"));

        assertThat(stores.frontier().seeded(lease, listed, null, T0.plusSeconds(1)))
                .isTrue();

        CrawlJob seeded = find(stores, job);
        assertThat(seeded.total()).isEqualTo(3);
        assertThat(seeded.skipped()).isEqualTo(new Skipped(1, 0, 0, 1));
        assertThat(seeded.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(stores.frontier().claim("w1", 10, T0.plusSeconds(1), Fixtures.policy(10, 3)))
                .extracting(Lease::urlKey)
                .containsExactly("a.test/", "a.test/1", "a.test/2");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aJobDoesNotFinishWhileItsSeedingIsPendingOrLeased(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob pending = create(stores, kb, JobMode.CRAWL, SitemapPolicy.INCLUDE, 10, List.of(url("a.test", "/")));
        CrawlJob leased = create(stores, kb, JobMode.CRAWL, SitemapPolicy.INCLUDE, 10, List.of(url("b.test", "/")));
        List<Lease> urls = stores.frontier().claim("w1", 2, T0, Fixtures.policy(10, 3));
        SeedingLease leasedSeeding = stores.frontier().claimSeeding("w2", 10, T0, LEASE).stream()
                .filter(lease -> lease.jobId().equals(leased.id()))
                .findFirst()
                .orElseThrow();
        for (Lease lease : urls) {
            stores.frontier().complete(lease, Fixtures.ingested(lease, 1, List.of(), T0), T0);
        }
        CrawlJob whilePending = find(stores, pending);
        CrawlJob whileLeased = find(stores, leased);
        Instant end = T0.plusSeconds(9);

        stores.frontier().seeded(leasedSeeding, List.of(), null, end);

        assertThat(whilePending.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(whilePending.done()).isEqualTo(1);
        assertThat(whileLeased.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(whileLeased.done()).isEqualTo(1);
        CrawlJob finished = find(stores, leased);
        assertThat(finished.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(finished.finishedAt()).isEqualTo(end);
        assertThat(List.of(finished.total(), finished.done(), finished.failed()))
                .containsExactly(1L, 1L, 0L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aJobWhoseSeedingAdmittedUrlsFinishesWhenTheyAreDone(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = create(stores, kb, JobMode.SITEMAP, SitemapPolicy.INCLUDE, 10, List.of());
        SeedingLease seeding =
                stores.frontier().claimSeeding("w1", 1, T0, LEASE).get(0);
        stores.frontier().seeded(seeding, List.of(url("a.test", "/only")), null, T0);
        CrawlJob afterSeeding = find(stores, job);
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);

        stores.frontier().complete(lease, Fixtures.ingested(lease, 1, List.of(), T0), T0.plusSeconds(1));

        assertThat(afterSeeding.status()).isEqualTo(JobStatus.RUNNING);
        CrawlJob finished = find(stores, job);
        assertThat(finished.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(List.of(finished.total(), finished.done())).containsExactly(1L, 1L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aSitemapJobThatAdmitsNothingFailsWithTheSeedingsReason(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob empty = create(stores, kb, JobMode.SITEMAP, SitemapPolicy.INCLUDE, 10, List.of());
        CrawlJob unreachable = create(stores, kb, JobMode.SITEMAP, SitemapPolicy.INCLUDE, 10, List.of());
        CrawlJob disallowed = create(stores, kb, JobMode.SITEMAP, SitemapPolicy.INCLUDE, 10, List.of());
        Map<String, SeedingLease> leases = new HashMap<>();
        stores.frontier().claimSeeding("w1", 3, T0, LEASE).forEach(lease -> leases.put(lease.jobId(), lease));
        Instant end = T0.plusSeconds(4);

        stores.frontier().seeded(Objects.requireNonNull(leases.get(empty.id())), List.of(), null, end);
        stores.frontier()
                .seeded(
                        Objects.requireNonNull(leases.get(unreachable.id())),
                        List.of(),
                        "The sitemap answered HTTP 500",
                        end);
        stores.frontier()
                .seeded(
                        Objects.requireNonNull(leases.get(disallowed.id())),
                        List.of(Fixtures.skipped("a.test", "/", SkipReason.ROBOTS)),
                        null,
                        end);

        assertThat(find(stores, empty).status()).isEqualTo(JobStatus.FAILED);
        assertThat(find(stores, empty).error()).isEqualTo("No URL found to import");
        assertThat(find(stores, empty).finishedAt()).isEqualTo(end);
        assertThat(find(stores, unreachable).error()).isEqualTo("The sitemap answered HTTP 500");
        assertThat(find(stores, disallowed).status()).isEqualTo(JobStatus.FAILED);
        assertThat(find(stores, disallowed).skipped().robots()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void cancellingAJobEndsItsSeedingTask(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob leased = create(stores, kb, JobMode.SITEMAP, SitemapPolicy.INCLUDE, 10, List.of());
        SeedingLease lease = stores.frontier().claimSeeding("w1", 1, T0, LEASE).get(0);
        CrawlJob pending = create(stores, kb, JobMode.SITEMAP, SitemapPolicy.INCLUDE, 10, List.of());

        stores.jobs().cancel(kb.id(), leased.id(), T0);
        stores.jobs().cancel(kb.id(), pending.id(), T0);

        assertThat(stores.frontier().seeded(lease, List.of(url("a.test", "/")), null, T0))
                .isFalse();
        assertThat(find(stores, leased).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(find(stores, leased).total()).isZero();
        assertThat(stores.frontier().claimSeeding("w2", 10, T0.plus(LEASE).plusSeconds(1), LEASE))
                .isEmpty();
    }

    private static CrawlJob create(
            Stores stores, Knowledgebase kb, JobMode mode, SitemapPolicy sitemap, int limit, List<FoundUrl> seeds) {
        return stores.jobs().create(Fixtures.job(kb, Fixtures.spec(mode, sitemap, limit), T0), seeds);
    }

    private static CrawlJob find(Stores stores, CrawlJob job) {
        return stores.jobs().find(job.knowledgebaseId(), job.id()).orElseThrow();
    }
}
