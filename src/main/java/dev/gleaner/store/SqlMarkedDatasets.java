package dev.gleaner.store;

import dev.gleaner.jobs.MarkedDatasets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MarkedDatasets} in SQL: one transaction per sweep batch locks the due datasets' rows (PostgreSQL: skipping
 * those another process holds), re-checks the mark under the lock, deletes them as {@link DatasetDeletion} does and
 * appends them to the change feed last.
 */
public final class SqlMarkedDatasets implements MarkedDatasets {
    private final Database database;

    public SqlMarkedDatasets(Database database) {
        this.database = database;
    }

    @Override
    public int deleteMarkedBefore(Instant cutoff, int max) {
        return database.inTransaction(connection -> {
            List<IndexLog.Entry> deleted = new ArrayList<>();
            for (IndexLog.Entry due : due(connection, cutoff, max)) {
                DatasetDeletion.delete(connection, java.util.Objects.requireNonNull(due.datasetId()));
                deleted.add(due);
            }
            IndexLog.append(connection, database.dialect(), deleted);
            return deleted.size();
        });
    }

    private List<IndexLog.Entry> due(Connection connection, Instant cutoff, int max) throws SQLException {
        String lock = database.dialect() == Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
        try (PreparedStatement select = connection.prepareStatement("SELECT id, knowledgebase_id FROM datasets"
                + " WHERE removed_at IS NOT NULL AND removed_at <= ? ORDER BY removed_at, id LIMIT ?" + lock)) {
            select.setLong(1, SqlValues.millis(cutoff));
            select.setInt(2, max);
            List<IndexLog.Entry> due = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(IndexLog.Entry.dataset(rows.getString(2), rows.getString(1)));
                }
            }
            return due;
        }
    }
}
