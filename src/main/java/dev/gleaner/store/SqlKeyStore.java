package dev.gleaner.store;

import dev.gleaner.auth.ApiKey;
import dev.gleaner.auth.KeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@link KeyStore} in SQL: one row per key, found by the hash of its secret (unique). */
public final class SqlKeyStore implements KeyStore {
    private static final String COLUMNS =
            "id, owner_id, name, key_hash, created_at, expires_at, revoked_at, last_used_at";

    private final Database database;

    public SqlKeyStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(ApiKey key) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, key.id());
                insert.setString(2, key.ownerId());
                insert.setString(3, key.name());
                insert.setString(4, key.keyHash());
                insert.setLong(5, SqlValues.millis(key.createdAt()));
                SqlValues.setNullableMillis(insert, 6, key.expiresAt());
                SqlValues.setNullableMillis(insert, 7, key.revokedAt());
                SqlValues.setNullableMillis(insert, 8, key.lastUsedAt());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return findOne("key_hash", keyHash);
    }

    @Override
    public Optional<ApiKey> find(String keyId) {
        return findOne("id", keyId);
    }

    private Optional<ApiKey> findOne(String column, String value) {
        return database.read(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE " + column + " = ?")) {
                select.setString(1, value);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.<ApiKey>empty();
                }
            }
        });
    }

    @Override
    public List<ApiKey> list(@Nullable String ownerId) {
        return database.read(connection -> {
            String where = ownerId == null ? "" : " WHERE owner_id = ?";
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_keys" + where + " ORDER BY created_at, id")) {
                if (ownerId != null) {
                    select.setString(1, ownerId);
                }
                List<ApiKey> keys = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        keys.add(read(rows));
                    }
                }
                return keys;
            }
        });
    }

    @Override
    public long count() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM api_keys");
                    ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Override
    public boolean revoke(String keyId, Instant at) {
        return update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at, keyId, false) == 1;
    }

    @Override
    public void expireBy(String keyId, Instant at) {
        update(
                "UPDATE api_keys SET expires_at = ? WHERE id = ? AND (expires_at IS NULL OR expires_at > ?)",
                at,
                keyId,
                true);
    }

    @Override
    public void touch(String keyId, Instant at) {
        update(
                "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                at,
                keyId,
                true);
    }

    /** Runs {@code sql} whose parameters are (time, key id), then the time again when {@code timeTwice}. */
    private int update(String sql, Instant at, String keyId, boolean timeTwice) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setLong(1, SqlValues.millis(at));
                update.setString(2, keyId);
                if (timeTwice) {
                    update.setLong(3, SqlValues.millis(at));
                }
                return update.executeUpdate();
            }
        });
    }

    @Override
    public List<Owner> owners(Instant now) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT k.owner_id,"
                    + " SUM(CASE WHEN k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?)"
                    + " THEN 1 ELSE 0 END) AS active_keys,"
                    + " COUNT(*) AS all_keys, MIN(k.created_at) AS first_key_at,"
                    + " (SELECT COUNT(*) FROM projects p WHERE p.owner_id = k.owner_id) AS project_count"
                    + " FROM api_keys k GROUP BY k.owner_id ORDER BY MIN(k.created_at), k.owner_id")) {
                select.setLong(1, SqlValues.millis(now));
                List<Owner> owners = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        owners.add(new Owner(
                                rows.getString("owner_id"),
                                rows.getLong("active_keys"),
                                rows.getLong("all_keys"),
                                rows.getLong("project_count"),
                                SqlValues.instant(rows, "first_key_at")));
                    }
                }
                return owners;
            }
        });
    }

    private static ApiKey read(ResultSet row) throws SQLException {
        return new ApiKey(
                row.getString("id"),
                row.getString("owner_id"),
                row.getString("name"),
                row.getString("key_hash"),
                SqlValues.instant(row, "created_at"),
                SqlValues.nullableInstant(row, "expires_at"),
                SqlValues.nullableInstant(row, "revoked_at"),
                SqlValues.nullableInstant(row, "last_used_at"));
    }
}
