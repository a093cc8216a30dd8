package dev.gleaner.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.NewKnowledgebase;
import dev.gleaner.crawl.UrlNormalizer;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.JobService;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlCatalogStore;
import dev.gleaner.store.SqlJobStore;
import dev.gleaner.store.SqlSourceStore;
import dev.gleaner.store.SqlUsageStore;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.testapp.TestApp;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on a real SQLite store and a clock the test moves, polled by the test: while its polls fail (the
 * sources table gone) it waits 1 s, 2 s, 4 s… on the clock before trying again, even once the store works again; the
 * first poll that works starts the due sync, and the next failure waits 1 s again.
 */
class SourceSchedulerBackoffIT {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(15);
    /** A second source, due 5 minutes after the first (whose sync is still queued then, so it would be skipped). */
    private static final Duration OTHER_INTERVAL = Duration.ofMinutes(20);

    private static final String OWNER = "owner_backoff";

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(T0);
    private Database database;
    private LuceneIndex index;
    private SourceScheduler scheduler;

    @BeforeEach
    void start() {
        database = Database.sqlite(data.resolve(Database.SQLITE_FILE_NAME));
        index = LuceneIndex.inMemory();
        Catalog catalog = new Catalog(new SqlCatalogStore(database), index, Set.of(TestApp.MODEL), "lucene", clock);
        String projectId = catalog.createProject(OWNER, "p").id();
        Knowledgebase kb = catalog.createKnowledgebase(
                OWNER, projectId, new NewKnowledgebase("kb", "lucene", TestApp.MODEL, 500, 50));
        SqlSourceStore store = new SqlSourceStore(database);
        JobService jobs = new JobService(
                new SqlJobStore(database),
                new UrlNormalizer(),
                clock,
                () -> {},
                new DailyQuotas(new SqlUsageStore(database), AbuseLimits.NONE, clock),
                10);
        Sources sources = new Sources(store, jobs, clock, "worker_backoff");
        CrawlSpec spec = new CrawlSpec(
                JobMode.CRAWL,
                "http://127.0.0.1:9/",
                10,
                1,
                List.of(),
                List.of(),
                false,
                false,
                SitemapPolicy.SKIP,
                false);
        sources.create(OWNER, kb, new NewSource("harbour", spec, List.of(), new Schedule.Every(INTERVAL)));
        sources.create(OWNER, kb, new NewSource("ferries", spec, List.of(), new Schedule.Every(OTHER_INTERVAL)));
        scheduler = new SourceScheduler(store, sources, jobs, catalog, clock, "worker_backoff");
    }

    @AfterEach
    void stop() {
        scheduler.close();
        index.close();
        database.close();
    }

    @Test
    void failingPollsWaitLongerEachTimeOnTheClockAndASuccessResetsTheWait() {
        clock.advance(INTERVAL);
        breakStore();
        assertThat(scheduler.poll()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.poll()).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(scheduler.poll()).as("third failure: the next try in 4 s").isZero();
        repairStore();

        clock.advance(Duration.ofMillis(3_999));
        assertThat(scheduler.poll())
                .as("still waiting, though the store works again")
                .isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(scheduler.poll()).as("the wait is over: the due sync starts").isEqualTo(1);

        clock.advance(OTHER_INTERVAL.minus(INTERVAL));
        breakStore();
        assertThat(scheduler.poll()).isZero();
        repairStore();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.poll())
                .as("after a success a failure waits 1 s again")
                .isEqualTo(1);
    }

    private void breakStore() {
        execute("ALTER TABLE sources RENAME TO sources_away");
    }

    private void repairStore() {
        execute("ALTER TABLE sources_away RENAME TO sources");
    }

    private void execute(String sql) {
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute(sql);
            }
        });
    }
}
