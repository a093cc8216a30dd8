package dev.gleaner.store;

import dev.gleaner.limits.UsageKind;
import dev.gleaner.limits.UsageStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@link UsageStore} in SQL: table {@code usage_counters}, one row per owner, kind and UTC day. Adding is one
 * conditional {@code UPDATE … RETURNING} after making sure the row exists ({@code INSERT … ON CONFLICT DO NOTHING}), so
 * it is atomic on SQLite and PostgreSQL: the row lock (PostgreSQL) or the write lock (SQLite) makes a second adder
 * see the first one's total.
 */
public final class SqlUsageStore implements UsageStore {
    private final Database database;

    public SqlUsageStore(Database database) {
        this.database = database;
    }

    @Override
    public Usage add(String ownerId, UsageKind kind, long epochDay, long amount, long max) {
        return database.inTransaction(connection -> {
            ensureRow(connection, ownerId, kind.stored(), epochDay);
            try (PreparedStatement update = connection.prepareStatement("UPDATE usage_counters SET amount = amount + ?"
                    + " WHERE owner_id = ? AND kind = ? AND day = ? AND amount + ? <= ? RETURNING amount")) {
                update.setLong(1, amount);
                update.setString(2, ownerId);
                update.setString(3, kind.stored());
                update.setLong(4, epochDay);
                update.setLong(5, amount);
                update.setLong(6, max);
                try (ResultSet row = update.executeQuery()) {
                    if (row.next()) {
                        return new Usage(true, row.getLong(1));
                    }
                }
            }
            return new Usage(false, used(connection, ownerId, kind.stored(), epochDay));
        });
    }

    @Override
    public void subtract(String ownerId, UsageKind kind, long epochDay, long amount) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE usage_counters"
                    + " SET amount = CASE WHEN amount > ? THEN amount - ? ELSE 0 END"
                    + " WHERE owner_id = ? AND kind = ? AND day = ?")) {
                update.setLong(1, amount);
                update.setLong(2, amount);
                update.setString(3, ownerId);
                update.setString(4, kind.stored());
                update.setLong(5, epochDay);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public long used(String ownerId, UsageKind kind, long epochDay) {
        return database.read(connection -> used(connection, ownerId, kind.stored(), epochDay));
    }

    @Override
    public int deleteBefore(long epochDay) {
        return database.inTransaction(connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM usage_counters WHERE day < ? AND kind IN (?, ?)")) {
                delete.setLong(1, epochDay);
                delete.setString(2, UsageKind.PAGES.stored());
                delete.setString(3, UsageKind.UPLOAD_BYTES.stored());
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> ownerOfProject(String projectId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT owner_id FROM projects WHERE id = ?")) {
                select.setString(1, projectId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Makes sure the counter row exists; on PostgreSQL the following UPDATE then locks it. */
    static void ensureRow(Connection connection, String ownerId, String kind, long epochDay) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO usage_counters"
                + " (owner_id, kind, day, amount) VALUES (?, ?, ?, 0) ON CONFLICT (owner_id, kind, day) DO NOTHING")) {
            insert.setString(1, ownerId);
            insert.setString(2, kind);
            insert.setLong(3, epochDay);
            insert.executeUpdate();
        }
    }

    private static long used(Connection connection, String ownerId, String kind, long epochDay) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT amount FROM usage_counters WHERE owner_id = ? AND kind = ? AND day = ?")) {
            select.setString(1, ownerId);
            select.setString(2, kind);
            select.setLong(3, epochDay);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }
}
