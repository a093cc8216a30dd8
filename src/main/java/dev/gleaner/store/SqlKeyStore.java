package dev.gleaner.store;

import dev.gleaner.auth.ApiKey;
import dev.gleaner.auth.KeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** The {@link KeyStore} in SQL: one row per key, found by the hash of its secret (unique). */
public final class SqlKeyStore implements KeyStore {
    private final Database database;

    public SqlKeyStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(ApiKey key) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO api_keys (id, owner_id, name, key_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, key.id());
                insert.setString(2, key.ownerId());
                insert.setString(3, key.name());
                insert.setString(4, key.keyHash());
                insert.setLong(5, SqlValues.millis(key.createdAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, owner_id, name, key_hash, created_at FROM api_keys WHERE key_hash = ?")) {
                select.setString(1, keyHash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ApiKey(
                            row.getString("id"),
                            row.getString("owner_id"),
                            row.getString("name"),
                            row.getString("key_hash"),
                            SqlValues.instant(row, "created_at")));
                }
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
}
