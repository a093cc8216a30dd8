package dev.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void everyScriptIsAppliedOnceAndRecorded(Dialect dialect) {
        Database database = databases.fresh(dialect);

        assertThat(versions(database)).containsExactly(1);
        assertThat(Migrations.apply(database)).isEmpty();
        assertThat(databases.sibling(database).dialect()).isEqualTo(dialect);
        assertThat(versions(database)).containsExactly(1);
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
            assertThat(versions(opened.get(0))).containsExactly(1);
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
