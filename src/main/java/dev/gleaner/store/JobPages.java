package dev.gleaner.store;

import dev.gleaner.jobs.PageListing;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageRecord;
import dev.gleaner.jobs.UrlState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The pages listing of a job: its frontier rows in admission order ({@code seq}), a page at a time. A cursor names the
 * last row of the previous page ({@code p} and its seq in base 36); it stays valid while rows change state, and rows
 * admitted later come after it. A row in progress shows the outcome {@code pending} or {@code processing}. The filter
 * {@code failed} selects every row counted in the job's {@code failed} counter, whatever its outcome.
 */
final class JobPages {
    private static final String CURSOR_PREFIX = "p";
    /** Twelve base-36 digits hold every positive long. */
    private static final Pattern CURSOR = Pattern.compile(CURSOR_PREFIX + "[0-9a-z]{1,12}");

    private JobPages() {}

    /** The seq after which a listing continues; 0 (from the start) for no cursor. */
    static long after(@Nullable String cursor) {
        if (cursor == null) {
            return 0;
        }
        if (!CURSOR.matcher(cursor).matches()) {
            throw new IllegalArgumentException("Not a cursor of a pages listing");
        }
        return Long.parseLong(cursor.substring(CURSOR_PREFIX.length()), 36);
    }

    static String cursor(long seq) {
        return CURSOR_PREFIX + Long.toString(seq, 36).toLowerCase(Locale.ROOT);
    }

    /** Up to {@code limit} rows of the job after seq {@code after}, optionally with one outcome only. */
    static PageListing read(Connection connection, String jobId, @Nullable PageOutcome outcome, int limit, long after)
            throws SQLException {
        String filter = outcome == null
                ? ""
                : switch (outcome) {
                    case PENDING -> " AND state = " + StateSql.of(UrlState.PENDING);
                    case PROCESSING -> " AND state = " + StateSql.of(UrlState.LEASED);
                    // Every URL counted in the job's failed counter, whatever its outcome (robots, unsupported…).
                    case FAILED -> " AND state = " + StateSql.of(UrlState.FAILED);
                    default ->
                        " AND state NOT IN (" + StateSql.of(UrlState.PENDING, UrlState.LEASED) + ") AND outcome = ?";
                };
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, url, state, outcome, reason,"
                + " http_status, depth, attempts, dataset_id, updated_at FROM frontier"
                + " WHERE job_id = ? AND seq > ?" + filter + " ORDER BY seq LIMIT ?")) {
            int index = 1;
            select.setString(index++, jobId);
            select.setLong(index++, after);
            if (outcome != null && filter.endsWith("?")) {
                select.setString(index++, outcome.wire());
            }
            // One row more than asked tells whether another page follows.
            select.setInt(index, limit + 1);
            List<PageRecord> pages = new ArrayList<>();
            long lastSeq = after;
            boolean more = false;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (pages.size() == limit) {
                        more = true;
                        break;
                    }
                    lastSeq = rows.getLong("seq");
                    pages.add(record(rows));
                }
            }
            return new PageListing(List.copyOf(pages), more ? cursor(lastSeq) : null);
        }
    }

    private static PageRecord record(ResultSet row) throws SQLException {
        UrlState state = UrlState.fromWire(row.getString("state"));
        @Nullable String stored = row.getString("outcome");
        PageOutcome outcome =
                switch (state) {
                    case PENDING -> PageOutcome.PENDING;
                    case LEASED -> PageOutcome.PROCESSING;
                    default -> PageOutcome.fromWire(stored != null ? stored : state.wire());
                };
        return new PageRecord(
                row.getString("url"),
                outcome,
                row.getString("reason"),
                SqlValues.nullableInt(row, "http_status"),
                row.getInt("depth"),
                row.getInt("attempts"),
                row.getString("dataset_id"),
                SqlValues.instant(row, "updated_at"));
    }
}
