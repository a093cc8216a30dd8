package dev.gleaner.store;

import dev.gleaner.webhooks.OwnerSecret;
import dev.gleaner.webhooks.WebhookSecretStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link WebhookSecretStore} in SQL: one {@code webhook_secrets} row per owner. Creation is an insert that does
 * nothing when the row exists, then a read, so concurrent creators (in any process) end with the same secret; a
 * rotation is one update (or the insert of a first row) in a transaction; marking shown is a conditional update.
 */
public final class SqlWebhookSecretStore implements WebhookSecretStore {
    private static final String COLUMNS =
            "owner_id, secret, previous_secret, previous_expires_at, created_at, rotated_at, shown_at";

    private final Database database;

    public SqlWebhookSecretStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<OwnerSecret> find(String ownerId) {
        return database.read(connection -> select(connection, ownerId));
    }

    @Override
    public OwnerSecret createIfAbsent(OwnerSecret candidate) {
        return database.inTransaction(connection -> {
            insert(connection, candidate);
            return select(connection, candidate.ownerId())
                    .orElseThrow(() -> new StoreException("The webhook secret vanished right after it was stored"));
        });
    }

    @Override
    public OwnerSecret rotate(String ownerId, String secret, Instant now, Instant previousExpiresAt) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_secrets SET"
                    + " previous_secret = secret, previous_expires_at = ?, secret = ?, rotated_at = ?, shown_at = ?"
                    + " WHERE owner_id = ?")) {
                update.setLong(1, SqlValues.millis(previousExpiresAt));
                update.setString(2, secret);
                update.setLong(3, SqlValues.millis(now));
                update.setLong(4, SqlValues.millis(now));
                update.setString(5, ownerId);
                if (update.executeUpdate() == 0) {
                    insert(connection, new OwnerSecret(ownerId, secret, null, null, now, now, now));
                }
            }
            return select(connection, ownerId)
                    .orElseThrow(() -> new StoreException("The webhook secret vanished right after it was rotated"));
        });
    }

    @Override
    public boolean markShown(String ownerId, Instant now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE webhook_secrets SET shown_at = ? WHERE owner_id = ? AND shown_at IS NULL")) {
                update.setLong(1, SqlValues.millis(now));
                update.setString(2, ownerId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<String> legacySecret() {
        return database.read(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT value FROM settings WHERE name = 'webhook_secret'")) {
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private static void insert(Connection connection, OwnerSecret secret) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_secrets (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (owner_id) DO NOTHING")) {
            insert.setString(1, secret.ownerId());
            insert.setString(2, secret.secret());
            SqlValues.setNullableString(insert, 3, secret.previousSecret());
            SqlValues.setNullableMillis(insert, 4, secret.previousExpiresAt());
            insert.setLong(5, SqlValues.millis(secret.createdAt()));
            SqlValues.setNullableMillis(insert, 6, secret.rotatedAt());
            SqlValues.setNullableMillis(insert, 7, secret.shownAt());
            insert.executeUpdate();
        }
    }

    private static Optional<OwnerSecret> select(Connection connection, String ownerId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM webhook_secrets WHERE owner_id = ?")) {
            select.setString(1, ownerId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OwnerSecret(
                        row.getString("owner_id"),
                        row.getString("secret"),
                        row.getString("previous_secret"),
                        SqlValues.nullableInstant(row, "previous_expires_at"),
                        SqlValues.instant(row, "created_at"),
                        SqlValues.nullableInstant(row, "rotated_at"),
                        SqlValues.nullableInstant(row, "shown_at")));
            }
        }
    }
}
