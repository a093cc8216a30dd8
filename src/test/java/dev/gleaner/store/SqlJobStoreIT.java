package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static dev.gleaner.store.Fixtures.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.SkipReason;
import dev.gleaner.jobs.Skipped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlJobStoreIT extends DatabaseTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void createAdmitsSeedsUpToTheLimitAndCountsEachKeyOnce(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        List<FoundUrl> seeds = List.of(
                url("a.test", "/0"),
                url("a.test", "/1"),
                url("a.test", "/0"),
                url("a.test", "/2"),
                url("a.test", "/3"),
                url("a.test", "/4"),
                url("a.test", "/3"));

        CrawlJob job = Fixtures.created(stores, kb, 3, seeds);

        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.total()).isEqualTo(3);
        assertThat(job.done() + job.failed()).isZero();
        assertThat(job.skipped()).isEqualTo(new Skipped(0, 0, 0, 2));
        assertThat(job.limitReached()).isTrue();
        assertThat(Fixtures.states(stores.database(), job.id())).isEqualTo(Map.of("pending", 3L, "skipped", 2L));
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/4", "outcome"))
                .isEqualTo("overLimit");
        assertThat(stores.jobs().find(kb.id(), job.id())).contains(job);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void createRecordsSkippedSeedsOncePerKeyWithTheirReason(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        List<FoundUrl> seeds = List.of(
                Fixtures.skipped("a.test", "/robots", SkipReason.ROBOTS),
                Fixtures.skipped("b.test", "/", SkipReason.OUT_OF_SCOPE),
                Fixtures.skipped("a.test", "/dup1", SkipReason.DUPLICATE),
                Fixtures.skipped("a.test", "/dup2", SkipReason.DUPLICATE),
                Fixtures.skipped("a.test", "/dup2", SkipReason.DUPLICATE),
                url("a.test", "/robots"),
                url("a.test", "/ok"));

        CrawlJob job = Fixtures.created(stores, kb, 10, seeds);

        assertThat(job.total()).isEqualTo(1);
        assertThat(job.skipped()).isEqualTo(new Skipped(1, 1, 2, 0));
        assertThat(job.limitReached()).isFalse();
        assertThat(Fixtures.outcomes(stores.database(), job.id()))
                .isEqualTo(Map.of("robots", 1L, "outOfScope", 1L, "duplicate", 2L, "none", 1L));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aJobWithNoAdmissibleSeedIsCreatedFailed(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);

        CrawlJob disallowed =
                Fixtures.created(stores, kb, 10, List.of(Fixtures.skipped("a.test", "/", SkipReason.ROBOTS)));
        CrawlJob seedless = Fixtures.created(stores, kb, 10, List.of());

        assertThat(disallowed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(disallowed.error()).contains("https://a.test/").contains("robots");
        assertThat(disallowed.finishedAt()).isEqualTo(T0);
        assertThat(disallowed.skipped().robots()).isEqualTo(1);
        assertThat(seedless.status()).isEqualTo(JobStatus.FAILED);
        assertThat(stores.jobs().find(kb.id(), disallowed.id())).contains(disallowed);
        assertThat(stores.frontier().claim("w1", 10, T0, Fixtures.policy(10, 3)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void jobsAreListedNewestFirstWithinTheirKnowledgebase(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Knowledgebase other = Fixtures.knowledgebase(stores);
        CrawlJob older = stores.jobs().create(Fixtures.job(kb, 5, T0), List.of(url("a.test", "/")));
        CrawlJob newer = stores.jobs().create(Fixtures.job(kb, 5, T0.plusSeconds(5)), List.of(url("a.test", "/")));
        CrawlJob foreign = stores.jobs().create(Fixtures.job(other, 5, T0), List.of(url("a.test", "/")));

        assertThat(stores.jobs().list(kb.id())).containsExactly(newer, older);
        assertThat(stores.jobs().find(kb.id(), older.id())).hasValueSatisfying(job -> {
            assertThat(job.spec()).isEqualTo(Fixtures.spec(5));
            assertThat(job.startedAt()).isEqualTo(T0);
        });
        assertThat(stores.jobs().find(kb.id(), foreign.id())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void cancelEndsPendingAndLeasedUrlsWithoutCountingThemFailed(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 4));
        List<Lease> leases = stores.frontier().claim("w1", 2, T0, Fixtures.policy(10, 3));
        stores.frontier().complete(leases.get(0), Fixtures.ingested(leases.get(0), 1, List.of(), T0), T0);
        Instant at = T0.plusSeconds(30);

        CrawlJob cancelled = stores.jobs().cancel(kb.id(), job.id(), at).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(List.of(cancelled.total(), cancelled.done(), cancelled.failed()))
                .containsExactly(4L, 1L, 0L);
        assertThat(cancelled.finishedAt()).isEqualTo(at);
        assertThat(cancelled.updatedAt()).isEqualTo(at);
        assertThat(stores.jobs().find(kb.id(), job.id())).contains(cancelled);
        assertThat(Fixtures.states(stores.database(), job.id())).isEqualTo(Map.of("done", 1L, "cancelled", 3L));
        assertThat(Fixtures.outcomes(stores.database(), job.id())).containsEntry("cancelled", 3L);
        assertThat(stores.frontier().complete(leases.get(1), Fixtures.ingested(leases.get(1), 1, List.of(), at), at))
                .isFalse();
        assertThat(stores.frontier().claim("w2", 10, at, Fixtures.policy(10, 3)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void cancellingAFinishedOrUnknownJobChangesNothing(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, List.of(url("a.test", "/")));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        stores.frontier().complete(lease, Fixtures.ingested(lease, 1, List.of(), T0), T0);
        CrawlJob completed = stores.jobs().find(kb.id(), job.id()).orElseThrow();

        assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(stores.jobs().cancel(kb.id(), job.id(), T0.plusSeconds(9))).contains(completed);
        assertThat(stores.jobs().find(kb.id(), job.id())).contains(completed);
        assertThat(stores.jobs().cancel(kb.id(), "job_unknown", T0)).isEmpty();
        assertThat(stores.jobs().cancel("kb_other", job.id(), T0)).isEmpty();
    }
}
