package dev.gleaner.store;

import dev.gleaner.secrets.SecretBox;
import dev.gleaner.secrets.SecretsKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.UUID;

/**
 * Real databases for a test: a new SQLite file in the test's temporary folder, or a new schema in the local
 * PostgreSQL database {@code test}, dropped again on {@link #close}. {@link #sibling} opens a second pool on the same
 * database, as another process would.
 */
public final class TestDatabases implements AutoCloseable {
    static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** The secrets key of the databases opened here (one for the test run, as processes sharing a store share one). */
    public static final SecretBox SECRETS = new SecretBox(SecretsKey.generate(new SecureRandom()), new SecureRandom());

    /** Where a database lives; each {@link #open} is a new pool on it. */
    public record Location(Dialect dialect, String where) {
        Database open() {
            return open(SECRETS);
        }

        /** A pool on this database sealing secrets with {@code secrets} (another process's key). */
        Database open(SecretBox secrets) {
            return dialect == Dialect.SQLITE
                    ? Database.sqlite(Path.of(where), secrets)
                    : Database.postgres(where, secrets);
        }
    }

    private final Path folder;
    private final List<Database> opened = new ArrayList<>();
    private final IdentityHashMap<Database, Location> locations = new IdentityHashMap<>();
    private final List<String> schemas = new ArrayList<>();

    public TestDatabases(Path folder) {
        this.folder = folder;
    }

    /** A new, empty place for a database (nothing is opened yet). */
    public synchronized Location location(Dialect dialect) {
        String name = "s_" + UUID.randomUUID().toString().replace("-", "");
        if (dialect == Dialect.SQLITE) {
            return new Location(dialect, folder.resolve(name + ".db").toString());
        }
        admin("CREATE SCHEMA " + name);
        schemas.add(name);
        return new Location(dialect, POSTGRES_SERVER + "&currentSchema=" + name);
    }

    /** A migrated database on a new location. */
    Database fresh(Dialect dialect) {
        return open(location(dialect));
    }

    /** Another pool on the same database as {@code database}. */
    Database sibling(Database database) {
        Location location;
        synchronized (this) {
            location = locations.get(database);
        }
        if (location == null) {
            throw new IllegalArgumentException("Not opened here");
        }
        return open(location);
    }

    Database open(Location location) {
        Database database = location.open();
        synchronized (this) {
            opened.add(database);
            locations.put(database, location);
        }
        return database;
    }

    @Override
    public synchronized void close() {
        opened.forEach(Database::close);
        schemas.forEach(schema -> admin("DROP SCHEMA " + schema + " CASCADE"));
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_SERVER);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (database test) is needed: " + sql, e);
        }
    }
}
