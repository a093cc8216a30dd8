package dev.gleaner.store;

import dev.gleaner.ingest.Dataset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Finds the datasets of many crawled pages at once, {@link SqlDatasetStore#findBySource} for each: first every dataset
 * stored under one of the keys, then, for the keys without one, the oldest crawled dataset without a key whose source
 * URL is the key's (stored before datasets had keys). A few hundred keys or URLs per query, far below the host
 * parameter limits (SQLite allows 32,766; the PostgreSQL driver 65,535).
 */
final class DatasetsBySource {
    /** Keys or URLs looked up per query. */
    static final int BATCH = 300;

    private DatasetsBySource() {}

    static Map<String, Dataset> find(Connection connection, String knowledgebaseId, Map<String, String> urlByKey)
            throws SQLException {
        Map<String, Dataset> found = new HashMap<>();
        List<String> keys = List.copyOf(urlByKey.keySet());
        for (int from = 0; from < keys.size(); from += BATCH) {
            keyed(connection, knowledgebaseId, keys.subList(from, Math.min(keys.size(), from + BATCH)), found);
        }
        List<String> unkeyed = List.copyOf(new LinkedHashSet<>(keys.stream()
                .filter(key -> !found.containsKey(key))
                .map(urlByKey::get)
                .toList()));
        Map<String, Dataset> legacyByUrl = new HashMap<>();
        for (int from = 0; from < unkeyed.size(); from += BATCH) {
            legacy(
                    connection,
                    knowledgebaseId,
                    unkeyed.subList(from, Math.min(unkeyed.size(), from + BATCH)),
                    legacyByUrl);
        }
        urlByKey.forEach((key, url) -> {
            Dataset legacy = legacyByUrl.get(url);
            if (!found.containsKey(key) && legacy != null) {
                found.put(key, legacy);
            }
        });
        return found;
    }

    /** Source keys are unique within a knowledgebase ({@code datasets_by_source_key}): at most one row per key. */
    private static void keyed(
            Connection connection, String knowledgebaseId, List<String> keys, Map<String, Dataset> found)
            throws SQLException {
        String sql = "SELECT source_key, " + DatasetRows.DATASET_READ_COLUMNS
                + " FROM datasets WHERE knowledgebase_id = ? AND source_key IN (" + SqlValues.placeholders(keys.size())
                + ")";
        for (Row row : rows(connection, sql, knowledgebaseId, keys, "source_key")) {
            found.put(row.column(), row.dataset());
        }
    }

    /** Oldest first, so the first row of each URL is the one kept (several legacy datasets may share a URL). */
    private static void legacy(
            Connection connection, String knowledgebaseId, List<String> urls, Map<String, Dataset> legacyByUrl)
            throws SQLException {
        String sql = "SELECT " + DatasetRows.DATASET_READ_COLUMNS + " FROM datasets WHERE knowledgebase_id = ?"
                + " AND source_url IN (" + SqlValues.placeholders(urls.size()) + ")"
                + " AND source_key IS NULL AND job_id IS NOT NULL ORDER BY created_at, id";
        for (Row row : rows(connection, sql, knowledgebaseId, urls, "source_url")) {
            legacyByUrl.putIfAbsent(row.column(), row.dataset());
        }
    }

    private static List<Row> rows(
            Connection connection, String sql, String knowledgebaseId, List<String> values, String column)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, knowledgebaseId);
            for (int i = 0; i < values.size(); i++) {
                select.setString(i + 2, values.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getString(column), DatasetRows.dataset(row)));
                }
            }
            return rows;
        }
    }

    private record Row(String column, Dataset dataset) {}
}
