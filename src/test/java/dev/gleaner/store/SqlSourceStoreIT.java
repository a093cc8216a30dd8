package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.Ids;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.CrawlHeaders;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.sources.Schedule;
import dev.gleaner.sources.Source;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sources in SQL: sealed headers, the newest job, and holds that exactly one of several processes gets. */
class SqlSourceStoreIT extends DatabaseTest {
    private static final String TOKEN = "Bearer source-s3cr3t-91ab";
    private static final Duration HOLD = Duration.ofSeconds(60);
    private static final Schedule HOURLY = new Schedule.Every(Duration.ofHours(1));

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aSourceReadsBackWholeWithItsHeadersSealedAtRest(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlSourceStore store = new SqlSourceStore(stores.database());
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Source source = source(kb, HOURLY, T0.plus(Duration.ofHours(1)));

        store.insert(source);

        assertThat(rawSpec(stores.database(), source.id()))
                .doesNotContain("s3cr3t")
                .contains("\"Authorization\":\"v1.");
        Source read = store.find(kb.id(), source.id()).orElseThrow();
        assertThat(read.spec().headers().values()).isEqualTo(Map.of("Authorization", TOKEN));
        assertThat(read).usingRecursiveComparison().isEqualTo(source);
        assertThat(store.list(kb.id())).extracting(Source::id).containsExactly(source.id());
        assertThat(store.count(kb.id())).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theNewestJobCarryingTheSourceIdIsItsLastJob(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlSourceStore store = new SqlSourceStore(stores.database());
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Source source = source(kb, HOURLY, T0.plus(Duration.ofHours(1)));
        store.insert(source);
        assertThat(store.find(kb.id(), source.id()).orElseThrow().lastJobId()).isNull();

        stores.jobs()
                .create(Fixtures.job(kb, source.spec(), T0.plusSeconds(1)), List.of(Fixtures.url("site-a.test", "/")));
        CrawlJob newest = stores.jobs()
                .create(Fixtures.job(kb, source.spec(), T0.plusSeconds(2)), List.of(Fixtures.url("site-a.test", "/")));
        stores.jobs().create(Fixtures.job(kb, 10, T0.plusSeconds(3)), List.of(Fixtures.url("site-a.test", "/")));

        assertThat(store.find(kb.id(), source.id()).orElseThrow().lastJobId()).isEqualTo(newest.id());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void twoConcurrentHoldersOfADueSourceNeverBothGetIt(Dialect dialect) throws Exception {
        Stores stores = fresh(dialect);
        SqlSourceStore first = new SqlSourceStore(stores.database());
        SqlSourceStore second = new SqlSourceStore(databases.sibling(stores.database()));
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Source source = source(kb, HOURLY, T0);
            first.insert(source);
            sources.add(source);
        }
        Instant now = T0.plusSeconds(5);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Source source : sources) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Callable<Boolean>> holders = List.of(
                        () -> {
                            together.await(10, TimeUnit.SECONDS);
                            return first.hold(source.id(), "process-a", now, now.plus(HOLD), T0);
                        },
                        () -> {
                            together.await(10, TimeUnit.SECONDS);
                            return second.hold(source.id(), "process-b", now, now.plus(HOLD), T0);
                        });
                int held = 0;
                for (Future<Boolean> result : pool.invokeAll(holders)) {
                    held += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(held).as("holders of %s", source.id()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(first.due(now, 100))
                .as("held sources are not due to anyone else")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anExpiredHoldCanBeTakenOverAndTheLateHolderChangesNothing(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlSourceStore store = new SqlSourceStore(stores.database());
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Source source = source(kb, HOURLY, T0);
        store.insert(source);

        assertThat(store.hold(source.id(), "a", T0, T0.plus(HOLD), T0)).isTrue();
        assertThat(store.hold(source.id(), "b", T0.plusSeconds(30), T0.plusSeconds(90), T0))
                .isFalse();
        assertThat(store.due(T0.plusSeconds(30), 10)).isEmpty();
        assertThat(store.due(T0.plus(HOLD), 10)).extracting(Source::id).containsExactly(source.id());
        assertThat(store.hold(source.id(), "b", T0.plus(HOLD), T0.plus(HOLD).plus(HOLD), T0))
                .isTrue();

        Instant next = T0.plus(Duration.ofHours(1));
        assertThat(store.release(source.id(), "a", T0, next, null, null))
                .as("a lost its hold")
                .isFalse();
        assertThat(store.find(kb.id(), source.id()).orElseThrow().nextRunAt()).isEqualTo(T0);
        assertThat(store.release(source.id(), "b", T0, next, T0.plus(HOLD), "the previous sync was running"))
                .isTrue();
        Source after = store.find(kb.id(), source.id()).orElseThrow();
        assertThat(after.nextRunAt()).isEqualTo(next);
        assertThat(after.lastSkippedAt()).isEqualTo(T0.plus(HOLD));
        assertThat(after.lastSkipReason()).isEqualTo("the previous sync was running");
        assertThat(store.hold(source.id(), "c", T0.plus(HOLD), T0.plus(HOLD).plus(HOLD), T0))
                .as("the due time that ran is not due again")
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aReleaseKeepsADueTimeChangedWhileTheSourceWasHeld(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlSourceStore store = new SqlSourceStore(stores.database());
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Source source = source(kb, HOURLY, T0);
        store.insert(source);
        assertThat(store.hold(source.id(), "a", T0, T0.plus(HOLD), T0)).isTrue();

        Instant changed = T0.plus(Duration.ofDays(1));
        store.update(source.redefined(
                "renamed", source.spec(), List.of(), new Schedule.Every(Duration.ofDays(1)), changed, T0));
        assertThat(store.release(source.id(), "a", T0, T0.plus(Duration.ofHours(1)), null, null))
                .isTrue();

        Source after = store.find(kb.id(), source.id()).orElseThrow();
        assertThat(after.nextRunAt()).isEqualTo(changed);
        assertThat(after.name()).isEqualTo("renamed");
        assertThat(after.schedule()).isEqualTo(new Schedule.Every(Duration.ofDays(1)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aReopenedDatabaseKeepsTheNextDueTimeAndDeletingTheKnowledgebaseDeletesItsSources(Dialect dialect) {
        TestDatabases.Location location = databases.location(dialect);
        Database before = databases.open(location);
        Stores stores = Stores.on(before);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Instant due = T0.plus(Duration.ofHours(1));
        Source source = source(kb, new Schedule.Cron("0 * * * *"), due);
        new SqlSourceStore(before).insert(source);
        before.close();

        Database after = databases.open(location);
        SqlSourceStore reopened = new SqlSourceStore(after);
        Source read = reopened.find(kb.id(), source.id()).orElseThrow();
        assertThat(read.nextRunAt()).isEqualTo(due);
        assertThat(read.schedule()).isEqualTo(new Schedule.Cron("0 * * * *"));
        assertThat(reopened.due(due.minusMillis(1), 10)).isEmpty();
        assertThat(reopened.due(due, 10)).extracting(Source::id).containsExactly(source.id());

        new SqlCatalogStore(after).deleteKnowledgebase(kb.id());
        assertThat(reopened.count(kb.id())).isZero();
        assertThat(reopened.delete(kb.id(), source.id())).isFalse();
    }

    private static Source source(Knowledgebase kb, Schedule schedule, Instant nextRunAt) {
        String id = Ids.next("src");
        CrawlSpec base = Fixtures.spec(10);
        CrawlSpec spec = new CrawlSpec(
                        base.mode(),
                        base.url(),
                        base.limit(),
                        base.maxDepth(),
                        base.includePaths(),
                        base.excludePaths(),
                        base.allowSubdomains(),
                        base.crawlEntireDomain(),
                        base.sitemap(),
                        base.ignoreQueryParameters(),
                        null,
                        null,
                        new CrawlHeaders(Map.of("Authorization", TOKEN)),
                        base.render())
                .withSourceId(id);
        return new Source(
                id,
                "owner_1",
                kb.projectId(),
                kb.id(),
                "Docs",
                spec,
                List.of(),
                schedule,
                nextRunAt,
                null,
                null,
                null,
                T0,
                T0);
    }

    private static String rawSpec(Database database, String sourceId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT spec FROM sources WHERE id = ?")) {
                select.setString(1, sourceId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            }
        });
    }
}
