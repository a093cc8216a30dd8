package dev.gleaner.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a database's schema up to date: applies, in version order, every script of {@link #SCRIPTS} not yet recorded
 * in {@code schema_version}, each from {@code db/<dialect>/V<n>__<name>.sql} on the classpath, all in one
 * transaction.
 *
 * <p>Hand-written on purpose: the store needs one ordered list of plain SQL scripts per dialect and one bookkeeping
 * table, which a migration framework would add a dependency (and its own conventions) for. Two processes opening the
 * same database at once are safe: on PostgreSQL the transaction first takes an advisory lock, so the second waits and
 * then finds everything applied; on SQLite the IMMEDIATE transaction holds the only write lock from its start.
 *
 * <p>Scripts hold plain statements separated by {@code ;} at the end of a line, and {@code --} comment lines.
 */
final class Migrations {
    /**
     * Every script, oldest first. A new script is appended here and added for both dialects. Versions need not be
     * consecutive: a database records each version it applied, and any listed version it lacks is applied.
     */
    static final List<String> SCRIPTS = List.of(
            "V1__initial_schema",
            "V2__pacing_seeding_pages",
            "V3__job_events",
            "V4__webhooks",
            "V5__dataset_source_key",
            "V7__webhook_secrets",
            "V8__key_lifecycle_and_quotas",
            "V9__upload_attempts",
            "V10__chunk_anchor",
            "V11__index_changes",
            "V12__upload_leases",
            "V13__sources_on_jobs_and_datasets",
            "V14__sources",
            "V15__removed_pages",
            "V16__page_validators",
            "V17__page_links");

    /** The advisory lock key PostgreSQL migrations serialize on (an arbitrary constant of this project). */
    static final long POSTGRES_LOCK_KEY = 0x676c65616e6572L;

    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__(\\w+)");

    private Migrations() {}

    /** Applies the missing scripts; returns the versions applied now (empty when the schema was up to date). */
    static List<Integer> apply(Database database) {
        return database.inTransaction(connection -> {
            if (database.dialect() == Dialect.POSTGRES) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, POSTGRES_LOCK_KEY);
                    lock.execute();
                }
            }
            execute(
                    connection,
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            Set<Integer> applied = appliedVersions(connection);
            List<Integer> appliedNow = new ArrayList<>();
            for (String script : SCRIPTS) {
                int version = version(script);
                if (!applied.contains(version)) {
                    for (String statement : statements(load(database.dialect(), script))) {
                        execute(connection, statement);
                    }
                    record(connection, version, script);
                    appliedNow.add(version);
                }
            }
            return List.copyOf(appliedNow);
        });
    }

    static int version(String script) {
        Matcher matcher = SCRIPT_NAME.matcher(script);
        if (!matcher.matches()) {
            throw new IllegalStateException("A migration script is named V<n>__<name>: " + script);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The statements of a script: comment lines dropped, split on a {@code ;} ending a line. */
    static List<String> statements(String script) {
        StringBuilder current = new StringBuilder();
        List<String> statements = new ArrayList<>();
        for (String line : script.split("\\R", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String load(Dialect dialect, String script) {
        String resource = dialect.scriptDirectory() + "/" + script + ".sql";
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read migration script " + resource, e);
        }
    }

    private static Set<Integer> appliedVersions(Connection connection) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM schema_version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    private static void record(Connection connection, int version, String script) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO schema_version (version, name) VALUES (?, ?)")) {
            insert.setInt(1, version);
            insert.setString(2, script);
            insert.executeUpdate();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
