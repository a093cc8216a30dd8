package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.Lease;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The workload the metrics read: pending URLs, running jobs and stored datasets, on SQLite and PostgreSQL. */
class SqlWorkloadIT extends DatabaseTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void countsPendingUrlsRunningJobsAndDatasets(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlWorkload workload = new SqlWorkload(stores.database());
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 4));

        long pendingWhileQueued = workload.pendingUrls();
        long runningWhileQueued = workload.runningJobs();
        List<Lease> leases = stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3));
        long pendingAfterClaim = workload.pendingUrls();
        long runningAfterClaim = workload.runningJobs();
        stores.frontier().complete(leases.getFirst(), Fixtures.ingested(leases.getFirst(), 2, List.of(), T0), T0);

        assertThat(List.of(pendingWhileQueued, runningWhileQueued)).containsExactly(4L, 0L);
        assertThat(List.of(pendingAfterClaim, runningAfterClaim)).containsExactly(3L, 1L);
        assertThat(workload.datasets()).isEqualTo(1);
        assertThat(workload.pendingUrls()).isEqualTo(3);
    }
}
