package dev.gleaner.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL database of its own for one benchmark, {@code gleaner_bench_<random>}, created on the server the admin
 * URL names and dropped again on {@link #close} (with whatever connections are still open to it). Opens plain JDBC
 * connections to it for what the benchmark reads itself: the change feed's commit times, a job's state, and the
 * server's activity counters.
 */
final class ScratchPostgres implements AutoCloseable {
    /** The local server's {@code test} database, where the scratch database is created from. */
    static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");

    private final String adminUrl;
    private final String name;
    private final String url;

    private ScratchPostgres(String adminUrl, String name, String url) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = url;
    }

    /** Creates a new, empty database on the server of {@code adminUrl}. */
    static ScratchPostgres create(String adminUrl) throws SQLException {
        Matcher parts = URL.matcher(adminUrl);
        if (!parts.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql://host:port/database URL: " + adminUrl);
        }
        String name = "gleaner_bench_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        String query = parts.group(3) == null ? "" : parts.group(3);
        try (Connection admin = DriverManager.getConnection(adminUrl);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        ScratchPostgres database = new ScratchPostgres(adminUrl, name, parts.group(1) + name + query);
        // A benchmark stopped early (Ctrl-C) drops its database too.
        Runtime.getRuntime().addShutdownHook(new Thread(database::dropQuietly));
        return database;
    }

    /** The JDBC URL of the scratch database, for a process's {@code --database-url}. */
    String url() {
        return url;
    }

    /** A new plain connection to the scratch database (autocommit), for the benchmark's own reads. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** The version of the server {@code adminUrl} names. */
    static String serverVersion(String adminUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW server_version")) {
            row.next();
            return row.getString(1);
        }
    }

    /** The newest position of the chunk change feed. */
    long feedHead() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COALESCE(MAX(head), 0) FROM index_log")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Commit time (the database's clock, epoch ms) of each change after {@code after} up to {@code through}. */
    Map<Long, Long> changeTimes(long after, long through) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT position, changed_at FROM index_changes WHERE position > ? AND position <= ?"
                                + " ORDER BY position")) {
            select.setLong(1, after);
            select.setLong(2, through);
            Map<Long, Long> times = new LinkedHashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    times.put(row.getLong(1), row.getLong(2));
                }
            }
            return times;
        }
    }

    /**
     * The server's counters for the scratch database, read on a new connection: transactions and, summed over its
     * tables, rows written and scans. The connection's own two statements are not in the numbers it reads (a backend's
     * counters reach the shared statistics when it is idle or exits), only in those of later reads.
     */
    DatabaseActivity activity() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            long transactions;
            try (ResultSet row = statement.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database"
                    + " WHERE datname = current_database()")) {
                row.next();
                transactions = row.getLong(1);
            }
            long inserted = 0;
            long updated = 0;
            long deleted = 0;
            long indexScans = 0;
            long sequentialScans = 0;
            Map<String, Long> written = new LinkedHashMap<>();
            try (ResultSet row = statement.executeQuery(
                    "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, seq_scan, COALESCE(idx_scan, 0)"
                            + " FROM pg_stat_user_tables ORDER BY relname")) {
                while (row.next()) {
                    inserted += row.getLong(2);
                    updated += row.getLong(3);
                    deleted += row.getLong(4);
                    sequentialScans += row.getLong(5);
                    indexScans += row.getLong(6);
                    written.put(row.getString(1), row.getLong(2) + row.getLong(3) + row.getLong(4));
                }
            }
            return new DatabaseActivity(transactions, inserted, updated, deleted, indexScans, sequentialScans, written);
        }
    }

    private void dropQuietly() {
        try {
            close();
        } catch (SQLException e) {
            System.err.println("Could not drop the scratch database " + name + ": " + e.getMessage());
        }
    }

    /** Drops the database, ending any connection still open to it. */
    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /**
     * The server's counters for one database at one moment; subtract two to get the work done in between.
     *
     * @param rowsWrittenByTable rows inserted, updated and deleted, by table
     */
    record DatabaseActivity(
            long transactions,
            long rowsInserted,
            long rowsUpdated,
            long rowsDeleted,
            long indexScans,
            long sequentialScans,
            Map<String, Long> rowsWrittenByTable) {
        DatabaseActivity {
            rowsWrittenByTable = Map.copyOf(rowsWrittenByTable);
        }

        /** What happened between {@code earlier} and this snapshot. */
        DatabaseActivity since(DatabaseActivity earlier) {
            Map<String, Long> written = new LinkedHashMap<>();
            rowsWrittenByTable.forEach(
                    (table, rows) -> written.put(table, rows - earlier.rowsWrittenByTable.getOrDefault(table, 0L)));
            return new DatabaseActivity(
                    transactions - earlier.transactions,
                    rowsInserted - earlier.rowsInserted,
                    rowsUpdated - earlier.rowsUpdated,
                    rowsDeleted - earlier.rowsDeleted,
                    indexScans - earlier.indexScans,
                    sequentialScans - earlier.sequentialScans,
                    written);
        }

        /** This activity without the transactions and index scans of the benchmark's own reads. */
        DatabaseActivity withoutBenchmarkReads(long transactionsToRemove, long indexScansToRemove) {
            return new DatabaseActivity(
                    transactions - transactionsToRemove,
                    rowsInserted,
                    rowsUpdated,
                    rowsDeleted,
                    indexScans - indexScansToRemove,
                    sequentialScans,
                    rowsWrittenByTable);
        }

        long rowsWritten() {
            return rowsInserted + rowsUpdated + rowsDeleted;
        }
    }
}
