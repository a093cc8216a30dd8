package dev.gleaner.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes knowledgebases (or a whole project) with every row below them, inside the caller's transaction.
 *
 * <p>Rows are locked before anything is deleted, in the order every other transaction locks them: the jobs (in id
 * order, as claims lock them), then the knowledgebases (a completion holds its job and then refers to the
 * knowledgebase), then the project. So no two transactions wait for each other in a circle, a completion of one of
 * these jobs either finishes first or finds its job gone, and a dataset, job or knowledgebase inserted meanwhile under
 * a doomed parent waits and then fails instead of being orphaned. Rows then go children first, in the order a dataset
 * delete touches them (frontier, chunks, files, datasets).
 */
final class Cascade {
    private Cascade() {}

    /** Deletes the knowledgebase and everything below it. */
    static void deleteKnowledgebase(Connection connection, Dialect dialect, String knowledgebaseId)
            throws SQLException {
        lockBelow(connection, dialect, "?", knowledgebaseId);
        deleteBelow(connection, "?", knowledgebaseId);
        IndexLog.append(connection, dialect, List.of(IndexLog.Entry.knowledgebaseDeleted(knowledgebaseId)));
    }

    /** Deletes the project, its knowledgebases and everything below them. */
    static void deleteProject(Connection connection, Dialect dialect, String projectId) throws SQLException {
        String knowledgebaseIds = "SELECT id FROM knowledgebases WHERE project_id = ?";
        lockBelow(connection, dialect, knowledgebaseIds, projectId);
        lock(connection, dialect, "SELECT id FROM projects WHERE id = ?", projectId);
        List<IndexLog.Entry> deleted = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(knowledgebaseIds + " ORDER BY id")) {
            select.setString(1, projectId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    deleted.add(IndexLog.Entry.knowledgebaseDeleted(rows.getString(1)));
                }
            }
        }
        deleteBelow(connection, knowledgebaseIds, projectId);
        execute(connection, "DELETE FROM projects WHERE id = ?", projectId);
        IndexLog.append(connection, dialect, deleted);
    }

    /**
     * Locks the jobs and the knowledgebases that {@code knowledgebaseIds} selects (a subquery with one parameter,
     * {@code parameter}).
     */
    private static void lockBelow(Connection connection, Dialect dialect, String knowledgebaseIds, String parameter)
            throws SQLException {
        lock(
                connection,
                dialect,
                "SELECT id FROM jobs WHERE knowledgebase_id IN (" + knowledgebaseIds + ") ORDER BY id",
                parameter);
        lock(connection, dialect, "SELECT id FROM knowledgebases WHERE id IN (" + knowledgebaseIds + ")", parameter);
    }

    private static void deleteBelow(Connection connection, String knowledgebaseIds, String parameter)
            throws SQLException {
        String jobIds = "SELECT id FROM jobs WHERE knowledgebase_id IN (" + knowledgebaseIds + ")";
        String datasetIds = "SELECT id FROM datasets WHERE knowledgebase_id IN (" + knowledgebaseIds + ")";
        execute(connection, "DELETE FROM frontier WHERE job_id IN (" + jobIds + ")", parameter);
        String eventIds = "SELECT id FROM webhook_events WHERE job_id IN (" + jobIds + ")";
        execute(connection, "DELETE FROM webhook_attempts WHERE event_id IN (" + eventIds + ")", parameter);
        execute(connection, "DELETE FROM webhook_events WHERE job_id IN (" + jobIds + ")", parameter);
        execute(connection, "DELETE FROM chunks WHERE knowledgebase_id IN (" + knowledgebaseIds + ")", parameter);
        execute(connection, "DELETE FROM dataset_files WHERE dataset_id IN (" + datasetIds + ")", parameter);
        execute(connection, "DELETE FROM datasets WHERE knowledgebase_id IN (" + knowledgebaseIds + ")", parameter);
        execute(connection, "DELETE FROM sources WHERE knowledgebase_id IN (" + knowledgebaseIds + ")", parameter);
        execute(connection, "DELETE FROM jobs WHERE knowledgebase_id IN (" + knowledgebaseIds + ")", parameter);
        execute(connection, "DELETE FROM knowledgebases WHERE id IN (" + knowledgebaseIds + ")", parameter);
    }

    private static void lock(Connection connection, Dialect dialect, String select, String parameter)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select + dialect.forUpdate())) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // Reading the rows is what locks them.
                }
            }
        }
    }

    /** Runs one statement with one string parameter; returns its update count. */
    static int execute(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            return statement.executeUpdate();
        }
    }
}
