package dev.gleaner.store;

import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.UrlState;
import dev.gleaner.metrics.Workload;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.jspecify.annotations.Nullable;

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
        return count("SELECT COUNT(*) FROM frontier WHERE state = ?", UrlState.PENDING.wire());
    }

    @Override
    public long runningJobs() {
        return count("SELECT COUNT(*) FROM jobs WHERE status = ?", JobStatus.RUNNING.wire());
    }

    @Override
    public long datasets() {
        return count("SELECT COUNT(*) FROM datasets", null);
    }

    /** The count {@code sql} answers, its one parameter (if any) bound to {@code value}. */
    private long count(String sql, @Nullable String value) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (value != null) {
                    statement.setString(1, value);
                }
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }
}
