package dev.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.limits.UsageKind;
import dev.gleaner.limits.UsageStore;
import dev.gleaner.testapp.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlUsageStoreIT extends DatabaseTest {
    private static final long DAY = 20_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void addsWhileTheTotalStaysWithinTheMaximumAndChangesNothingBeyondIt(Dialect dialect) {
        SqlUsageStore usage = new SqlUsageStore(databases.fresh(dialect));

        assertThat(usage.add("owner_1", UsageKind.PAGES, DAY, 7, 10)).isEqualTo(new UsageStore.Usage(true, 7));
        assertThat(usage.add("owner_1", UsageKind.PAGES, DAY, 4, 10)).isEqualTo(new UsageStore.Usage(false, 7));
        assertThat(usage.add("owner_1", UsageKind.PAGES, DAY, 3, 10)).isEqualTo(new UsageStore.Usage(true, 10));
        assertThat(usage.add("owner_1", UsageKind.PAGES, DAY, 1, 10)).isEqualTo(new UsageStore.Usage(false, 10));

        assertThat(usage.used("owner_1", UsageKind.PAGES, DAY)).isEqualTo(10);
        assertThat(usage.used("owner_1", UsageKind.PAGES, DAY + 1)).isZero();
        assertThat(usage.used("owner_1", UsageKind.UPLOAD_BYTES, DAY)).isZero();
        assertThat(usage.used("owner_2", UsageKind.PAGES, DAY)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void subtractingGivesBackButNeverBelowZero(Dialect dialect) {
        SqlUsageStore usage = new SqlUsageStore(databases.fresh(dialect));
        usage.add("owner_1", UsageKind.UPLOAD_BYTES, DAY, 100, 1000);

        usage.subtract("owner_1", UsageKind.UPLOAD_BYTES, DAY, 40);
        assertThat(usage.used("owner_1", UsageKind.UPLOAD_BYTES, DAY)).isEqualTo(60);
        usage.subtract("owner_1", UsageKind.UPLOAD_BYTES, DAY, 500);
        assertThat(usage.used("owner_1", UsageKind.UPLOAD_BYTES, DAY)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void twoProcessesAddingAtOnceNeverPassTheMaximumTogether(Dialect dialect) throws Exception {
        Database first = databases.fresh(dialect);
        Database second = databases.sibling(first);
        List<SqlUsageStore> stores = List.of(new SqlUsageStore(first), new SqlUsageStore(second));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> adds = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                SqlUsageStore store = stores.get(i % 2);
                adds.add(() -> store.add("owner_1", UsageKind.PAGES, DAY, 1, 25).added());
            }
            long added = 0;
            for (Future<Boolean> result : threads.invokeAll(adds)) {
                added += result.get() ? 1 : 0;
            }

            assertThat(added).isEqualTo(25);
            assertThat(stores.get(0).used("owner_1", UsageKind.PAGES, DAY)).isEqualTo(25);
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void countersOlderThanTheRetainedDaysAreDeletedByTheFirstChargeOfADay(Dialect dialect) {
        SqlUsageStore usage = new SqlUsageStore(databases.fresh(dialect));
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        DailyQuotas quotas = new DailyQuotas(usage, AbuseLimits.NONE.withOwnerLimits(0, 0, 100, 0), clock);
        long firstDay = LocalDate.parse("2026-06-01").toEpochDay();
        quotas.charge("owner_1", UsageKind.PAGES, 3);

        clock.advance(Duration.ofDays(DailyQuotas.RETAINED_DAYS - 1));
        quotas.charge("owner_1", UsageKind.PAGES, 1);
        assertThat(usage.used("owner_1", UsageKind.PAGES, firstDay))
                .as("still retained")
                .isEqualTo(3);

        clock.advance(Duration.ofDays(1));
        quotas.charge("owner_2", UsageKind.PAGES, 1);
        assertThat(usage.used("owner_1", UsageKind.PAGES, firstDay)).isZero();
        assertThat(usage.used("owner_1", UsageKind.PAGES, firstDay + DailyQuotas.RETAINED_DAYS - 1))
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void findsTheOwnerOfAProject(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        SqlUsageStore usage = new SqlUsageStore(stores.database());

        assertThat(usage.ownerOfProject(kb.projectId())).contains("owner_1");
        assertThat(usage.ownerOfProject("proj_missing")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anOwnersUnfinishedJobsAreAdmittedOnlyBelowTheLimitEvenFromTwoProcessesAtOnce(Dialect dialect)
            throws Exception {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        SqlJobStore other = new SqlJobStore(databases.sibling(stores.database()));
        List<SqlJobStore> jobStores = List.of(stores.jobs(), other);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Optional<CrawlJob>>> creates = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                SqlJobStore store = jobStores.get(i % 2);
                creates.add(() -> store.createWithin(
                        Fixtures.job(kb, 10, Fixtures.T0), Fixtures.urls("site-a.test", 2), "owner_1", 3));
            }
            long admitted = 0;
            for (Future<Optional<CrawlJob>> result : threads.invokeAll(creates)) {
                admitted += result.get().isPresent() ? 1 : 0;
            }

            assertThat(admitted).isEqualTo(3);
            assertThat(stores.jobs().list(kb.id())).hasSize(3);
            assertThat(stores.jobs().unfinishedOf("owner_1")).isEqualTo(3);
            assertThat(stores.jobs().unfinishedOf("owner_2")).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aFinishedJobNoLongerCountsAgainstTheLimit(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob first = stores.jobs()
                .createWithin(Fixtures.job(kb, 10, Fixtures.T0), Fixtures.urls("site-a.test", 1), "owner_1", 1)
                .orElseThrow();
        assertThat(stores.jobs()
                        .createWithin(Fixtures.job(kb, 10, Fixtures.T0), Fixtures.urls("site-a.test", 1), "owner_1", 1))
                .isEmpty();

        stores.jobs().cancel(kb.id(), first.id(), Fixtures.T0);

        assertThat(stores.jobs()
                        .createWithin(Fixtures.job(kb, 10, Fixtures.T0), Fixtures.urls("site-a.test", 1), "owner_1", 1))
                .isPresent();
    }
}
