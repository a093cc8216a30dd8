package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retrying a finished job's failed URLs: exactly those go back to pending, and the counters stay exact. */
class SqlJobRetryIT extends DatabaseTest {
    private static final Instant RETRIED_AT = T0.plusSeconds(60);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void retryRequeuesExactlyTheFailedUrlsAndTheCountersStayExact(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 4));
        List<Lease> leases = stores.frontier().claim("w1", 4, T0, Fixtures.policy(10, 3));
        complete(stores, leases.get(0), Fixtures.ingested(leases.get(0), 1, List.of(), T0));
        complete(stores, leases.get(1), new PageResult.Failed(PageOutcome.FAILED, "HTTP 404", 404));
        complete(stores, leases.get(2), new PageResult.Failed(PageOutcome.UNSUPPORTED, "Not text", 200));
        complete(stores, leases.get(3), Fixtures.ingested(leases.get(3), 1, List.of(), T0));
        CrawlJob completed = find(stores, job);

        CrawlJob retried = stores.jobs().retry(kb.id(), job.id(), RETRIED_AT).orElseThrow();

        assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(List.of(completed.total(), completed.done(), completed.failed()))
                .containsExactly(4L, 2L, 2L);
        assertThat(retried.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(List.of(retried.total(), retried.done(), retried.failed())).containsExactly(4L, 2L, 0L);
        assertThat(retried.finishedAt()).isNull();
        assertThat(retried.updatedAt()).isEqualTo(RETRIED_AT);
        assertThat(stores.jobs().find(kb.id(), job.id())).contains(retried);
        assertThat(Fixtures.states(stores.database(), job.id())).isEqualTo(Map.of("done", 2L, "pending", 2L));
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/p1", "attempts"))
                .isEqualTo("0");
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/p1", "outcome"))
                .isNull();

        List<Lease> again = stores.frontier().claim("w2", 10, RETRIED_AT, Fixtures.policy(10, 3));
        assertThat(again).extracting(Lease::urlKey).containsExactly("a.test/p1", "a.test/p2");
        assertThat(again).extracting(Lease::attempt).containsExactly(1, 1);
        complete(stores, again.get(0), Fixtures.ingested(again.get(0), 1, List.of(), RETRIED_AT));
        CrawlJob halfway = find(stores, job);
        complete(stores, again.get(1), new PageResult.Failed(PageOutcome.UNSUPPORTED, "Still not text", 200));
        CrawlJob end = find(stores, job);

        assertThat(List.of(halfway.total(), halfway.done(), halfway.failed())).containsExactly(4L, 3L, 0L);
        assertThat(halfway.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(end.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(List.of(end.total(), end.done(), end.failed())).containsExactly(4L, 3L, 1L);
        assertThat(end.finishedAt()).isNotNull().isEqualTo(end.updatedAt());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void retryingAFailedJobClearsItsErrorAndItCanComplete(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, List.of(Fixtures.url("a.test", "/")));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        complete(stores, lease, new PageResult.Failed(PageOutcome.FAILED, "Timed out", null));
        CrawlJob failed = find(stores, job);

        CrawlJob retried = stores.jobs().retry(kb.id(), job.id(), RETRIED_AT).orElseThrow();
        Lease again = stores.frontier()
                .claim("w1", 1, RETRIED_AT, Fixtures.policy(10, 3))
                .get(0);
        complete(stores, again, Fixtures.ingested(again, 1, List.of(), RETRIED_AT));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isNotNull();
        assertThat(retried.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(retried.error()).isNull();
        assertThat(retried.failed()).isZero();
        CrawlJob end = find(stores, job);
        assertThat(end.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(List.of(end.total(), end.done(), end.failed())).containsExactly(1L, 1L, 0L);
        assertThat(end.error()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void retryingARunningJobOrAJobWithoutFailuresChangesNothing(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob running = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 2));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        complete(stores, lease, new PageResult.Failed(PageOutcome.FAILED, "HTTP 404", 404));
        CrawlJob flawless = Fixtures.created(stores, kb, 10, List.of(Fixtures.url("b.test", "/")));
        Lease only = stores.frontier().claim("w1", 10, T0, Fixtures.policy(10, 3)).stream()
                .filter(l -> l.jobId().equals(flawless.id()))
                .findFirst()
                .orElseThrow();
        complete(stores, only, Fixtures.ingested(only, 1, List.of(), T0));
        CrawlJob runningBefore = find(stores, running);
        CrawlJob completed = find(stores, flawless);

        assertThat(runningBefore.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(runningBefore.failed()).isEqualTo(1);
        assertThat(stores.jobs().retry(kb.id(), running.id(), RETRIED_AT)).contains(runningBefore);
        assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(stores.jobs().retry(kb.id(), flawless.id(), RETRIED_AT)).contains(completed);
        assertThat(find(stores, running)).isEqualTo(runningBefore);
        assertThat(find(stores, flawless)).isEqualTo(completed);
        assertThat(Fixtures.states(stores.database(), running.id())).containsEntry("failed", 1L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aCancelledJobIsNotRetriedEvenWithFailures(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 3));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        complete(stores, lease, new PageResult.Failed(PageOutcome.FAILED, "HTTP 404", 404));
        CrawlJob cancelled = stores.jobs().cancel(kb.id(), job.id(), T0).orElseThrow();

        assertThat(stores.jobs().retry(kb.id(), job.id(), RETRIED_AT)).contains(cancelled);
        assertThat(Fixtures.states(stores.database(), job.id())).isEqualTo(Map.of("failed", 1L, "cancelled", 2L));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void retryingAnUnknownJobOrAnotherKnowledgebasesJobFindsNothing(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Knowledgebase other = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, List.of(Fixtures.url("a.test", "/")));

        assertThat(stores.jobs().retry(kb.id(), "job_unknown", RETRIED_AT)).isEmpty();
        assertThat(stores.jobs().retry(other.id(), job.id(), RETRIED_AT)).isEmpty();
    }

    private static void complete(Stores stores, Lease lease, PageResult result) {
        assertThat(stores.frontier().complete(lease, result, lease.expiresAt().minus(Fixtures.LEASE)))
                .isTrue();
    }

    private static CrawlJob find(Stores stores, CrawlJob job) {
        return stores.jobs().find(job.knowledgebaseId(), job.id()).orElseThrow();
    }
}
