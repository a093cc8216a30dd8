package dev.gleaner.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gleaner.secrets.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A pooled connection to the SQL store, with its schema migrated when opened. Either an SQLite file (the embedded
 * default) or a shared PostgreSQL database (several API and worker processes at once). All writes go through
 * {@link #inTransaction}, which commits or rolls back as a whole; PostgreSQL deadlocks and serialization failures are
 * retried a few times, so the work must have no effect outside the database. Thread-safe.
 *
 * <p>SQLite runs in WAL mode (readers never block the writer) with {@code busy_timeout}, foreign keys and
 * {@code synchronous=NORMAL}. Every transaction begins IMMEDIATE: it takes the write lock up front, so two writers
 * queue on the busy timeout instead of deadlocking when a reader upgrades to a writer. That also lets another process
 * (a CLI command while the server runs) write the same file.
 */
public final class Database implements AutoCloseable {
    /** The SQLite file's name under the data directory. */
    public static final String SQLITE_FILE_NAME = "gleaner.db";
    /** How long an SQLite writer waits for another writer (of this process or another) before failing. */
    public static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(15);
    /** The pause between tries of switching a new database file to WAL while another process holds its lock. */
    private static final Duration WAL_RETRY_PAUSE = Duration.ofMillis(50);
    /** How long a caller waits for a free pooled connection. */
    public static final Duration CONNECTION_WAIT = Duration.ofSeconds(30);

    static final int SQLITE_POOL_SIZE = 8;
    static final int POSTGRES_POOL_SIZE = 10;
    /** Tries of one transaction when PostgreSQL aborts it for a deadlock or a serialization failure. */
    static final int TRANSACTION_TRIES = 3;

    private static final String POSTGRES_URL_PREFIX = "jdbc:postgresql:";
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01");

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final @Nullable SecretBox secrets;

    private Database(HikariDataSource pool, Dialect dialect, @Nullable SecretBox secrets) {
        this.pool = pool;
        this.dialect = dialect;
        this.secrets = secrets;
    }

    /**
     * Opens (creating if needed) the SQLite database in {@code file}, and migrates it, without a secrets key: a crawl
     * spec with headers cannot be stored, and stored headers read back as unreadable (see {@link #sqlite(Path,
     * SecretBox)}).
     */
    public static Database sqlite(Path file) {
        return sqlite(file, null);
    }

    /**
     * Opens (creating if needed) the SQLite database in {@code file}, and migrates it; secret values of its JSON
     * columns (a crawl's headers) are sealed and opened with {@code secrets}.
     */
    public static Database sqlite(Path file, @Nullable SecretBox secrets) {
        Path absolute = file.toAbsolutePath();
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of " + absolute, e);
        }
        enableWriteAheadLog(absolute);
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setBusyTimeout((int) SQLITE_BUSY_TIMEOUT.toMillis());
        sqlite.enforceForeignKeys(true);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + absolute);
        HikariConfig config = poolConfig("gleaner-sqlite", SQLITE_POOL_SIZE);
        config.setDataSource(source);
        return open(config, Dialect.SQLITE, secrets);
    }

    /**
     * Switches the file to WAL once (the mode is stored in the file). Done apart from the pool, with retries, because
     * SQLite may answer a journal-mode change with SQLITE_BUSY at once, without waiting on the busy timeout, while
     * another process opens the same new file.
     */
    private static void enableWriteAheadLog(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) SQLITE_BUSY_TIMEOUT.toMillis());
        long deadline = System.nanoTime() + SQLITE_BUSY_TIMEOUT.toNanos();
        while (true) {
            try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
                    java.sql.Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline
                        || !String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
                    throw new StoreException("Cannot open the sqlite database", e);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(WAL_RETRY_PAUSE.toNanos());
            }
        }
    }

    /**
     * Opens the PostgreSQL database at {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}, optionally with
     * {@code user}, {@code password} and {@code currentSchema} parameters), and migrates it.
     */
    public static Database postgres(String jdbcUrl) {
        return postgres(jdbcUrl, null);
    }

    /** {@link #postgres(String)}, secret values of its JSON columns sealed and opened with {@code secrets}. */
    public static Database postgres(String jdbcUrl, @Nullable SecretBox secrets) {
        if (!jdbcUrl.startsWith(POSTGRES_URL_PREFIX)) {
            throw new IllegalArgumentException("A PostgreSQL URL starts with " + POSTGRES_URL_PREFIX);
        }
        HikariConfig config = poolConfig("gleaner-postgres", POSTGRES_POOL_SIZE);
        config.setJdbcUrl(jdbcUrl);
        return open(config, Dialect.POSTGRES, secrets);
    }

    private static HikariConfig poolConfig(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
        return config;
    }

    private static Database open(HikariConfig config, Dialect dialect, @Nullable SecretBox secrets) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot open the " + dialect.name().toLowerCase(Locale.ROOT) + " database", e);
        }
        Database database = new Database(pool, dialect, secrets);
        try {
            Migrations.apply(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The JSON columns of this database, sealing secrets with its key. */
    JsonColumns json() {
        return new JsonColumns(secrets);
    }

    /**
     * Runs {@code work} in one transaction and commits it; rolls back if it throws. A {@link SQLException} becomes a
     * {@link StoreException}; any other exception passes through unchanged (after the rollback).
     */
    public <T> T inTransaction(SqlWork<T> work) {
        for (int tryNumber = 1; ; tryNumber++) {
            try (Connection connection = pool.getConnection()) {
                return transaction(connection, work);
            } catch (SQLException e) {
                if (tryNumber < TRANSACTION_TRIES && transientFailure(e)) {
                    continue;
                }
                throw new StoreException("A database transaction failed", e);
            }
        }
    }

    private static boolean transientFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && TRANSIENT_SQL_STATES.contains(state);
    }

    /** Runs {@code work} outside a transaction: each statement sees the latest committed data. For single reads. */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("A database read failed", e);
        }
    }

    private <T> T transaction(Connection connection, SqlWork<T> work) throws SQLException {
        // On SQLite this is where BEGIN IMMEDIATE runs and the write lock is taken.
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.run(connection);
        } catch (SQLException | RuntimeException | Error failure) {
            rollback(connection, failure);
            throw failure;
        }
        try {
            commit(connection);
        } catch (SQLException failure) {
            // The connection's transaction state is unknown now; never hand it out again.
            pool.evictConnection(connection);
            throw failure;
        }
        return result;
    }

    private void commit(Connection connection) throws SQLException {
        if (dialect == Dialect.POSTGRES) {
            connection.commit();
        }
        // sqlite-jdbc's commit() would at once BEGIN IMMEDIATE again and so wait for the write lock a second time;
        // switching back to auto-commit commits (as JDBC specifies) without opening a new transaction.
        connection.setAutoCommit(true);
    }

    private void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            failure.addSuppressed(e);
            pool.evictConnection(connection);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
