package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.LEASE;
import static dev.gleaner.store.Fixtures.T0;
import static dev.gleaner.store.Fixtures.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.SkipReason;
import dev.gleaner.jobs.Skipped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlFrontierIT extends DatabaseTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void claimHandsOutTheOldestAdmittedUrlsFirstAndStartsTheirJob(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob first = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 3));
        CrawlJob second = Fixtures.created(stores, kb, 10, Fixtures.urls("b.test", 2));
        Instant now = T0.plusSeconds(1);

        List<Lease> leases = stores.frontier().claim("w1", 2, now, Fixtures.policy(10, 3));

        assertThat(leases).extracting(Lease::urlKey).containsExactly("a.test/p0", "a.test/p1");
        assertThat(leases.get(0))
                .isEqualTo(new Lease(
                        first.id(),
                        kb.projectId(),
                        kb.id(),
                        "a.test/p0",
                        "https://a.test/p0",
                        1,
                        1,
                        "w1",
                        now.plus(LEASE),
                        Fixtures.spec(10),
                        400,
                        40,
                        "all-minilm-l6-v2"));
        CrawlJob running = find(stores, first);
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.updatedAt()).isEqualTo(now);
        assertThat(find(stores, second).status()).isEqualTo(JobStatus.QUEUED);
        assertThat(Fixtures.frontierColumn(stores.database(), first.id(), "a.test/p0", "worker_id"))
                .isEqualTo("w1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void claimNeverGivesAHostMoreLiveLeasesThanTheLimit(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 5));
        Fixtures.created(stores, kb, 10, Fixtures.urls("b.test", 3));

        List<Lease> first = stores.frontier().claim("w1", 10, T0, Fixtures.policy(2, 3));
        List<Lease> whileFull = stores.frontier().claim("w2", 10, T0, Fixtures.policy(2, 3));
        Lease aLease = first.get(0);
        stores.frontier().complete(aLease, Fixtures.ingested(aLease, 1, List.of(), T0), T0);
        List<Lease> afterOneEnded = stores.frontier().claim("w2", 10, T0, Fixtures.policy(2, 3));
        List<Lease> afterExpiry =
                stores.frontier().claim("w3", 10, T0.plus(LEASE).plusMillis(1), Fixtures.policy(2, 3));

        assertThat(first).extracting(Lease::urlKey).containsExactly("a.test/p0", "a.test/p1", "b.test/p0", "b.test/p1");
        assertThat(whileFull).isEmpty();
        assertThat(afterOneEnded).extracting(Lease::urlKey).containsExactly("a.test/p2");
        assertThat(afterExpiry)
                .extracting(Lease::urlKey)
                .containsExactly("a.test/p1", "a.test/p2", "b.test/p0", "b.test/p1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aRetriedUrlWaitsForItsNotBeforeAndKeepsItsReason(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, List.of(url("a.test", "/")));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        Instant notBefore = T0.plusSeconds(60);

        boolean recorded = stores.frontier().complete(lease, new PageResult.Retry("Server busy", 503, notBefore), T0);

        assertThat(recorded).isTrue();
        CrawlJob after = find(stores, job);
        assertThat(List.of(after.total(), after.done(), after.failed())).containsExactly(1L, 0L, 0L);
        assertThat(after.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/", "state"))
                .isEqualTo("pending");
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/", "reason"))
                .isEqualTo("Server busy");
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/", "http_status"))
                .isEqualTo("503");
        assertThat(stores.frontier().claim("w1", 1, notBefore.minusMillis(1), Fixtures.policy(10, 3)))
                .isEmpty();
        assertThat(stores.frontier().claim("w1", 1, notBefore, Fixtures.policy(10, 3)))
                .singleElement()
                .satisfies(again -> assertThat(again.attempt()).isEqualTo(2));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anExpiredLeaseIsReclaimedByAnotherWorkerAndTheFirstCanNoLongerComplete(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, List.of(url("a.test", "/")));
        Lease stale =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        Instant expiry = T0.plus(LEASE);

        assertThat(stores.frontier().claim("w2", 1, expiry.minusMillis(1), Fixtures.policy(10, 3)))
                .isEmpty();
        Lease fresh = stores.frontier()
                .claim("w2", 1, expiry.plusMillis(1), Fixtures.policy(10, 3))
                .get(0);

        assertThat(fresh.urlKey()).isEqualTo(stale.urlKey());
        assertThat(fresh.attempt()).isEqualTo(2);
        assertThat(stores.frontier().complete(stale, Fixtures.ingested(stale, 1, List.of(), expiry), expiry))
                .isFalse();
        assertThat(find(stores, job).done()).isZero();
        assertThat(Fixtures.rows(stores.database(), "datasets")).isZero();
        assertThat(stores.frontier().complete(fresh, Fixtures.ingested(fresh, 1, List.of(), expiry), expiry))
                .isTrue();
        assertThat(find(stores, job).done()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aLeaseTheSameWorkerReclaimedIsNoLongerHeldByItsOldCopy(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Fixtures.created(stores, kb, 10, List.of(url("a.test", "/")));
        Lease old = stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        Instant later = T0.plus(LEASE).plusSeconds(1);
        Lease renewed =
                stores.frontier().claim("w1", 1, later, Fixtures.policy(10, 3)).get(0);

        assertThat(stores.frontier().complete(old, new PageResult.Failed(PageOutcome.FAILED, "Timed out", null), later))
                .isFalse();
        assertThat(stores.frontier()
                        .complete(renewed, new PageResult.Failed(PageOutcome.FAILED, "Timed out", null), later))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anExpiredLeaseThatUsedItsAttemptsFailsInsteadOfBeingHandedOut(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, List.of(url("a.test", "/")));
        Duration step = LEASE.plusSeconds(1);
        stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 2));
        assertThat(stores.frontier().claim("w2", 1, T0.plus(step), Fixtures.policy(10, 2)))
                .hasSize(1);
        Instant end = T0.plus(step).plus(step);

        List<Lease> leases = stores.frontier().claim("w3", 1, end, Fixtures.policy(10, 2));

        assertThat(leases).isEmpty();
        CrawlJob failed = find(stores, job);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(List.of(failed.total(), failed.done(), failed.failed())).containsExactly(1L, 0L, 1L);
        assertThat(failed.error())
                .isEqualTo("Every admitted URL failed; first: The worker processing this URL stopped 2 times");
        assertThat(failed.finishedAt()).isEqualTo(end);
        assertThat(Fixtures.states(stores.database(), job.id())).isEqualTo(Map.of("failed", 1L));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anIngestedPageIsStoredWithItsChunksAndFileAndCountedDone(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, List.of(url("a.test", "/")));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        PageResult.Ingested result = Fixtures.ingested(lease, 3, List.of(), T0);
        Instant at = T0.plusSeconds(2);

        assertThat(stores.frontier().complete(lease, result, at)).isTrue();

        CrawlJob completed = find(stores, job);
        assertThat(List.of(completed.total(), completed.done(), completed.failed()))
                .containsExactly(1L, 1L, 0L);
        assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(completed.finishedAt()).isEqualTo(at);
        String datasetId = result.dataset().id();
        assertThat(stores.datasets().find(kb.id(), datasetId)).hasValueSatisfying(dataset -> {
            assertThat(dataset.parsed()).isTrue();
            assertThat(dataset.chunkCount()).isEqualTo(3);
            assertThat(dataset.jobId()).isEqualTo(job.id());
            assertThat(dataset.sourceUrl()).isEqualTo("https://a.test/");
        });
        assertThat(stores.datasets().chunks(datasetId))
                .containsExactlyElementsOf(
                        result.chunks().stream().map(EmbeddedChunk::chunk).toList());
        assertThat(stores.datasets().file(datasetId)).hasValueSatisfying(file -> {
            assertThat(file.contentType()).isEqualTo(result.original().contentType());
            assertThat(file.bytes()).isEqualTo(result.original().bytes());
        });
        Database db = stores.database();
        assertThat(Fixtures.frontierColumn(db, job.id(), "a.test/", "state")).isEqualTo("done");
        assertThat(Fixtures.frontierColumn(db, job.id(), "a.test/", "outcome")).isEqualTo("ingested");
        assertThat(Fixtures.frontierColumn(db, job.id(), "a.test/", "dataset_id"))
                .isEqualTo(datasetId);
        assertThat(Fixtures.frontierColumn(db, job.id(), "a.test/", "http_status"))
                .isEqualTo("200");
        assertThat(Fixtures.frontierColumn(db, job.id(), "a.test/", "worker_id"))
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aFailedPageIsRecordedWithItsOutcomeAndCountedFailed(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 2));
        List<Lease> leases = stores.frontier().claim("w1", 2, T0, Fixtures.policy(10, 3));

        stores.frontier()
                .complete(
                        leases.get(0), new PageResult.Failed(PageOutcome.UNSUPPORTED, "Images are not text", 200), T0);
        CrawlJob halfway = find(stores, job);
        stores.frontier().complete(leases.get(1), Fixtures.ingested(leases.get(1), 1, List.of(), T0), T0);
        CrawlJob finished = find(stores, job);

        assertThat(List.of(halfway.done(), halfway.failed())).containsExactly(0L, 1L);
        assertThat(halfway.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/p0", "outcome"))
                .isEqualTo("unsupported");
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/p0", "reason"))
                .isEqualTo("Images are not text");
        assertThat(finished.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(finished.error()).isNull();
        assertThat(List.of(finished.total(), finished.done(), finished.failed()))
                .containsExactly(2L, 1L, 1L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aJobWhoseEveryUrlFailedFailsNamingTheFirstFailure(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 2));
        List<Lease> leases = stores.frontier().claim("w1", 2, T0, Fixtures.policy(10, 3));

        stores.frontier()
                .complete(leases.get(1), new PageResult.Failed(PageOutcome.FAILED, "HTTP 404 Not Found", 404), T0);
        stores.frontier()
                .complete(
                        leases.get(0), new PageResult.Failed(PageOutcome.FAILED, "Timed out", null), T0.plusSeconds(1));

        CrawlJob failed = find(stores, job);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Every admitted URL failed; first: HTTP 404 Not Found");
        assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void linksAreAdmittedOncePerKeyAndNeverBeyondTheLimit(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 4, List.of(url("a.test", "/")));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        var links = List.of(
                url("a.test", "/"),
                url("a.test", "/1"),
                url("a.test", "/2"),
                url("a.test", "/1"),
                Fixtures.skipped("a.test", "/9", SkipReason.ROBOTS),
                url("a.test", "/3"),
                url("a.test", "/4"),
                url("a.test", "/5"));

        stores.frontier().complete(lease, Fixtures.ingested(lease, 1, links, T0), T0);
        CrawlJob afterFirst = find(stores, job);
        Lease next =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        var again = List.of(url("a.test", "/4"), Fixtures.skipped("a.test", "/1", SkipReason.OUT_OF_SCOPE));
        stores.frontier().complete(next, Fixtures.ingested(next, 1, again, T0), T0);
        CrawlJob afterSecond = find(stores, job);

        assertThat(afterFirst.total()).isEqualTo(4);
        assertThat(afterFirst.skipped()).isEqualTo(new Skipped(1, 0, 0, 2));
        assertThat(afterFirst.limitReached()).isTrue();
        assertThat(Fixtures.outcomes(stores.database(), job.id()))
                .containsEntry("overLimit", 2L)
                .containsEntry("robots", 1L);
        assertThat(afterSecond.total()).isEqualTo(4);
        assertThat(afterSecond.skipped()).isEqualTo(afterFirst.skipped());
        assertThat(afterSecond.done()).isEqualTo(2);
        assertThat(next.urlKey()).isEqualTo("a.test/1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aLeaseIsCompletedOnlyOnce(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 2));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);

        assertThat(stores.frontier().complete(lease, Fixtures.ingested(lease, 1, List.of(), T0), T0))
                .isTrue();
        CrawlJob once = find(stores, job);
        assertThat(stores.frontier().complete(lease, Fixtures.ingested(lease, 1, List.of(), T0), T0))
                .isFalse();
        assertThat(stores.frontier().complete(lease, new PageResult.Failed(PageOutcome.FAILED, "x", null), T0))
                .isFalse();

        assertThat(find(stores, job)).isEqualTo(once);
        assertThat(once.done()).isEqualTo(1);
        assertThat(Fixtures.rows(stores.database(), "datasets")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aSettledPageCountsAsDoneWithoutADatasetAndAdmitsItsLinks(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, List.of(url("a.test", "/")));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        var duplicate = new PageResult.Settled(
                PageOutcome.DUPLICATE,
                "Same text as dataset_1",
                200,
                List.of(url("a.test", "/next"), url("a.test", "/")));

        assertThat(stores.frontier().complete(lease, duplicate, T0)).isTrue();
        CrawlJob halfway = find(stores, job);
        Lease next =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        stores.frontier()
                .complete(
                        next,
                        new PageResult.Settled(PageOutcome.NOINDEX, "The page asks not to be indexed", 200, List.of()),
                        T0);

        assertThat(List.of(halfway.total(), halfway.done(), halfway.failed())).containsExactly(2L, 1L, 0L);
        assertThat(halfway.status()).isEqualTo(JobStatus.RUNNING);
        Database db = stores.database();
        assertThat(Fixtures.frontierColumn(db, job.id(), "a.test/", "state")).isEqualTo("done");
        assertThat(Fixtures.frontierColumn(db, job.id(), "a.test/", "outcome")).isEqualTo("duplicate");
        assertThat(Fixtures.frontierColumn(db, job.id(), "a.test/", "reason")).isEqualTo("Same text as dataset_1");
        assertThat(Fixtures.frontierColumn(db, job.id(), "a.test/", "http_status"))
                .isEqualTo("200");
        assertThat(Fixtures.frontierColumn(db, job.id(), "a.test/", "dataset_id"))
                .isNull();
        assertThat(next.urlKey()).isEqualTo("a.test/next");
        CrawlJob end = find(stores, job);
        assertThat(end.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(List.of(end.total(), end.done(), end.failed())).containsExactly(2L, 2L, 0L);
        assertThat(Fixtures.outcomes(db, job.id())).isEqualTo(Map.of("duplicate", 1L, "noindex", 1L));
        assertThat(Fixtures.rows(db, "datasets")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void renewExtendsAHeldLeaseSoNobodyElseTakesItOver(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, List.of(url("a.test", "/")));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        Instant until = T0.plus(LEASE).plus(LEASE);

        assertThat(stores.frontier().renew(lease, until)).isTrue();

        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/", "lease_expires_at"))
                .isEqualTo(String.valueOf(until.toEpochMilli()));
        assertThat(stores.frontier().claim("w2", 1, T0.plus(LEASE).plusSeconds(1), Fixtures.policy(10, 3)))
                .isEmpty();
        assertThat(stores.frontier().complete(lease, Fixtures.ingested(lease, 1, List.of(), until), until))
                .isTrue();
        assertThat(find(stores, job).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void renewingALeaseThatIsNoLongerHeldIsFalseAndChangesNothing(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 3));
        List<Lease> leases = stores.frontier().claim("w1", 2, T0, Fixtures.policy(10, 3));
        Lease done = leases.get(0);
        stores.frontier().complete(done, Fixtures.ingested(done, 1, List.of(), T0), T0);
        Lease stale = leases.get(1);
        Instant later = T0.plus(LEASE).plusSeconds(1);
        Lease takenOver = stores.frontier().claim("w2", 10, later, Fixtures.policy(10, 3)).stream()
                .filter(lease -> lease.urlKey().equals(stale.urlKey()))
                .findFirst()
                .orElseThrow();
        Instant far = later.plus(LEASE).plus(LEASE);

        assertThat(stores.frontier().renew(done, far)).isFalse();
        assertThat(stores.frontier().renew(stale, far)).isFalse();
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), stale.urlKey(), "lease_expires_at"))
                .isEqualTo(String.valueOf(takenOver.expiresAt().toEpochMilli()));
        stores.jobs().cancel(kb.id(), job.id(), later);
        assertThat(stores.frontier().renew(takenOver, far)).isFalse();
    }

    private static CrawlJob find(Stores stores, CrawlJob job) {
        return stores.jobs().find(job.knowledgebaseId(), job.id()).orElseThrow();
    }
}
