package dev.gleaner.store;

import dev.gleaner.metrics.Workload;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The {@link Workload} in SQL: one {@code COUNT(*)} per question, each on its own connection outside a transaction.
 * Pending URLs are counted on the partial index of claimable frontier rows.
 */
public final class SqlWorkload implements Workload {
    private final Database database;

    public SqlWorkload(Database database) {
        this.database = database;
    }

    @Override
    public long pendingUrls() {
        return count("SELECT COUNT(*) FROM frontier WHERE state = 'pending'");
    }

    @Override
    public long runningJobs() {
        return count("SELECT COUNT(*) FROM jobs WHERE status = 'running'");
    }

    @Override
    public long datasets() {
        return count("SELECT COUNT(*) FROM datasets");
    }

    private long count(String sql) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql);
                    ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        });
    }
}
