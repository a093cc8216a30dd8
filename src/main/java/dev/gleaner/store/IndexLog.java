package dev.gleaner.store;

import dev.gleaner.index.IndexChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Appends entries to the chunk change feed ({@code index_changes}) in the transaction that made the change.
 *
 * <p>Called as the last statement of its transaction, on purpose: it takes the positions by raising {@code
 * index_log.head}, whose row lock is then held until the transaction commits or rolls back. The next writer waits for
 * it, so positions are handed out in commit order and without gaps (a rolled-back transaction gives its positions back).
 * A sequence would not do: on PostgreSQL a transaction that took value 10 may commit after one that took 11, and a
 * reader that saw 11 would skip 10. Taking the lock last keeps the time it is held short and never waits for another
 * row while holding it, so it cannot deadlock with the locks taken before it.
 */
final class IndexLog {
    private IndexLog() {}

    /** One entry to append: a dataset whose chunks changed, or a deleted knowledgebase. */
    record Entry(IndexChange.Kind kind, String knowledgebaseId, @Nullable String datasetId) {
        static Entry dataset(String knowledgebaseId, String datasetId) {
            return new Entry(IndexChange.Kind.DATASET, knowledgebaseId, datasetId);
        }

        static Entry knowledgebaseDeleted(String knowledgebaseId) {
            return new Entry(IndexChange.Kind.KNOWLEDGEBASE_DELETED, knowledgebaseId, null);
        }
    }

    /** Appends one entry for the dataset. */
    static void datasetChanged(Connection connection, Dialect dialect, String knowledgebaseId, String datasetId)
            throws SQLException {
        append(connection, dialect, List.of(Entry.dataset(knowledgebaseId, datasetId)));
    }

    /** Appends the entries in order, at consecutive positions after the current head. */
    static void append(Connection connection, Dialect dialect, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement raise =
                connection.prepareStatement("UPDATE index_log SET head = head + ? WHERE id = 1")) {
            raise.setLong(1, entries.size());
            raise.executeUpdate();
        }
        long head;
        try (PreparedStatement select = connection.prepareStatement("SELECT head FROM index_log WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            row.next();
            head = row.getLong(1);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO index_changes (position, kind, knowledgebase_id, dataset_id, changed_at)"
                        + " VALUES (?, ?, ?, ?, " + dialect.nowMillis() + ")")) {
            long position = head - entries.size();
            for (Entry entry : entries) {
                insert.setLong(1, ++position);
                insert.setString(2, entry.kind().name());
                insert.setString(3, entry.knowledgebaseId());
                SqlValues.setNullableString(insert, 4, entry.datasetId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
