package dev.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.SitemapPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MigrationsIT extends DatabaseTest {
    /** Every version, as {@link Migrations#SCRIPTS} lists them. */
    private static final List<Integer> ALL_VERSIONS =
            Migrations.SCRIPTS.stream().map(Migrations::version).toList();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void everyScriptIsAppliedOnceAndRecorded(Dialect dialect) {
        Database database = databases.fresh(dialect);

        assertThat(versions(database)).containsExactlyElementsOf(ALL_VERSIONS);
        assertThat(Migrations.apply(database)).isEmpty();
        assertThat(databases.sibling(database).dialect()).isEqualTo(dialect);
        assertThat(versions(database)).containsExactlyElementsOf(ALL_VERSIONS);
        assertThat(Fixtures.rows(database, "frontier")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void processesOpeningANewDatabaseAtOnceAllSucceed(Dialect dialect) throws Exception {
        TestDatabases.Location location = databases.location(dialect);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Database>> opens = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opens.add(() -> databases.open(location));
            }
            List<Database> opened = new ArrayList<>();
            for (Future<Database> future : pool.invokeAll(opens)) {
                opened.add(future.get(60, TimeUnit.SECONDS));
            }

            assertThat(opened).hasSize(4);
            assertThat(versions(opened.get(0))).containsExactlyElementsOf(ALL_VERSIONS);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void scriptsSplitIntoStatementsWithoutComments(Dialect dialect) {
        List<String> statements = Migrations.statements(
                """
                -- a comment; with a semicolon
                CREATE TABLE a (
                    x INTEGER
                );

                CREATE INDEX a_x ON a (x);
                """);

        assertThat(statements).containsExactly("CREATE TABLE a (\n    x INTEGER\n)", "CREATE INDEX a_x ON a (x)");
        assertThat(dialect.scriptDirectory()).startsWith("db/");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aVersionOneDatabaseIsUpgradedAndItsRunningJobNeedsNoSeeding(Dialect dialect) throws Exception {
        TestDatabases.Location location = databases.location(dialect);
        String jdbcUrl = dialect == Dialect.SQLITE ? "jdbc:sqlite:" + location.where() : location.where();
        CrawlSpec spec = Fixtures.spec(JobMode.CRAWL, SitemapPolicy.INCLUDE, 10);
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            execute(connection, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            for (String statement : Migrations.statements(script(dialect, "V1__initial_schema"))) {
                execute(connection, statement);
            }
            execute(connection, "INSERT INTO schema_version (version, name) VALUES (1, 'V1__initial_schema')");
            execute(connection, "INSERT INTO projects VALUES ('proj_1', 'owner_1', 'P', 0, 0)");
            execute(
                    connection,
                    "INSERT INTO knowledgebases VALUES ('kb_1', 'proj_1', 'K', 'lucene', 'all-minilm-l6-v2', 400, 40,"
                            + " 0, 0)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs (id, project_id,"
                    + " knowledgebase_id, mode, url, spec, status, total, done, failed, skipped_robots,"
                    + " skipped_out_of_scope, skipped_duplicate, skipped_over_limit, limit_reached, error, started_at,"
                    + " updated_at, finished_at) VALUES ('job_1', 'proj_1', 'kb_1', 'crawl', 'https://site-a.test/', ?,"
                    + " 'running', 1, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0, NULL)")) {
                insert.setString(1, new JsonColumns(null).spec(spec));
                insert.executeUpdate();
            }
            execute(
                    connection,
                    "INSERT INTO frontier (job_id, url_key, url, host, depth, state, attempts, not_before, updated_at)"
                            + " VALUES ('job_1', 'a.test/', 'https://a.test/', 'a.test', 0, 'pending', 0, 0, 0)");
        }

        Stores stores = Stores.on(databases.open(location));
        Lease lease = stores.frontier()
                .claim("w1", 1, Fixtures.T0, Fixtures.policy(10, 3))
                .get(0);
        stores.frontier().complete(lease, Fixtures.ingested(lease, 1, List.of(), Fixtures.T0), Fixtures.T0);

        assertThat(versions(stores.database())).containsExactlyElementsOf(ALL_VERSIONS);
        assertThat(lease.spec()).isEqualTo(spec);
        assertThat(stores.frontier().claimSeeding("w1", 10, Fixtures.T0, Fixtures.LEASE))
                .isEmpty();
        CrawlJob job = stores.jobs().find("kb_1", "job_1").orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(List.of(job.total(), job.done())).containsExactly(1L, 1L);
    }

    private static String script(Dialect dialect, String name) throws IOException {
        try (InputStream in = MigrationsIT.class
                .getClassLoader()
                .getResourceAsStream(dialect.scriptDirectory() + "/" + name + ".sql")) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<Integer> versions(Database database) {
        return database.read(connection -> {
            try (PreparedStatement select =
                            connection.prepareStatement("SELECT version FROM schema_version ORDER BY version");
                    ResultSet rows = select.executeQuery()) {
                List<Integer> versions = new ArrayList<>();
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
                return versions;
            }
        });
    }
}
