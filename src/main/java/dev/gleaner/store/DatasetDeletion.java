package dev.gleaner.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Deletes one dataset's rows inside the caller's transaction: the one way a dataset leaves the store, whether a user
 * deletes it or a sync removes it. The caller appends the dataset to the change feed as its transaction's last
 * statement ({@link IndexLog}), so every process's index drops it.
 */
final class DatasetDeletion {
    private DatasetDeletion() {}

    static void delete(Connection connection, String datasetId) throws SQLException {
        // The same order as a cascading delete: frontier, chunks, files, datasets. Frontier rows keep their history
        // but no longer point at the dataset, except a sync's row reporting its removal, which names what it removed.
        Cascade.execute(
                connection,
                "UPDATE frontier SET dataset_id = NULL WHERE dataset_id = ? AND state <> 'removed'",
                datasetId);
        Cascade.execute(connection, "DELETE FROM chunks WHERE dataset_id = ?", datasetId);
        Cascade.execute(connection, "DELETE FROM dataset_files WHERE dataset_id = ?", datasetId);
        Cascade.execute(connection, "DELETE FROM datasets WHERE id = ?", datasetId);
    }
}
