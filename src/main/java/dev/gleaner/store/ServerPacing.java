package dev.gleaner.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The {@code servers} table: how often the URLs of one server may be claimed. A server has a row once it was claimed
 * from or paced; a server without one is claimable at any time with no gap of its own. A claim (in {@link Claims})
 * skips servers whose {@code next_claim_at} or {@code not_before} is still ahead, and then moves each server it
 * claimed from on with {@link #claimed}. Claims take turns, so on PostgreSQL this is exact across processes too.
 */
final class ServerPacing {
    /**
     * Moves a claimed server's next allowed claim to {@code now + max(defaultGap, gap_ms)}, never back. Parameters:
     * server, now + defaultGap (a new row), then now, defaultGap, defaultGap, and the new value's three parts again
     * for the never-back comparison.
     */
    private static final String CLAIMED =
            """
            INSERT INTO servers (server, gap_ms, next_claim_at, not_before) VALUES (?, 0, ?, 0)
            ON CONFLICT (server) DO UPDATE SET next_claim_at = CASE
                WHEN servers.next_claim_at > ? + CASE WHEN servers.gap_ms > ? THEN servers.gap_ms ELSE ? END
                THEN servers.next_claim_at
                ELSE ? + CASE WHEN servers.gap_ms > ? THEN servers.gap_ms ELSE ? END
            END""";

    /** Sets the server's own gap; a given {@code not_before} only ever moves later. */
    private static final String PACE =
            """
            INSERT INTO servers (server, gap_ms, next_claim_at, not_before) VALUES (?, ?, 0, ?)
            ON CONFLICT (server) DO UPDATE SET gap_ms = excluded.gap_ms,
                not_before = CASE WHEN excluded.not_before > servers.not_before
                                  THEN excluded.not_before ELSE servers.not_before END""";

    private ServerPacing() {}

    /** Records that URLs of {@code servers} were claimed at {@code now}. */
    static void claimed(Connection connection, Collection<String> servers, Instant now, Duration defaultGap)
            throws SQLException {
        Set<String> distinct = new TreeSet<>(servers);
        if (distinct.isEmpty()) {
            return;
        }
        long nowMillis = SqlValues.millis(now);
        long gap = Math.max(0, defaultGap.toMillis());
        try (PreparedStatement upsert = connection.prepareStatement(CLAIMED)) {
            for (String server : distinct) {
                upsert.setString(1, server);
                upsert.setLong(2, nowMillis + gap);
                for (int first : new int[] {3, 6}) {
                    upsert.setLong(first, nowMillis);
                    upsert.setLong(first + 1, gap);
                    upsert.setLong(first + 2, gap);
                }
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Sets the server's own gap (negative counts as none) and, when given, a time before which nothing is claimed. */
    static void pace(Connection connection, String server, Duration gap, @Nullable Instant notBefore)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(PACE)) {
            upsert.setString(1, server);
            upsert.setLong(2, Math.max(0, gap.toMillis()));
            upsert.setLong(3, notBefore == null ? 0 : SqlValues.millis(notBefore));
            upsert.executeUpdate();
        }
    }
}
