package dev.gleaner.store;

import dev.gleaner.auth.EventTokenStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The {@link EventTokenStore} in SQL: one row per token, found by the hash of its secret. */
public final class SqlEventTokenStore implements EventTokenStore {
    private final Database database;

    public SqlEventTokenStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(String tokenHash, StoredToken token) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_tokens"
                    + " (token_hash, owner_id, knowledgebase_id, expires_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, tokenHash);
                insert.setString(2, token.ownerId());
                insert.setString(3, token.knowledgebaseId());
                insert.setLong(4, SqlValues.millis(token.expiresAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredToken> findByHash(String tokenHash) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT owner_id, knowledgebase_id, expires_at FROM event_tokens WHERE token_hash = ?")) {
                select.setString(1, tokenHash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredToken(
                            row.getString("owner_id"),
                            row.getString("knowledgebase_id"),
                            SqlValues.instant(row, "expires_at")));
                }
            }
        });
    }

    @Override
    public int deleteExpired(Instant now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM event_tokens WHERE expires_at <= ?")) {
                delete.setLong(1, SqlValues.millis(now));
                return delete.executeUpdate();
            }
        });
    }
}
