package dev.gleaner.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Conversions between the store's column conventions and Java values: times as epoch milliseconds, booleans as 0/1,
 * explicit SQL NULLs (PostgreSQL wants a type for them).
 */
final class SqlValues {
    private SqlValues() {}

    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    static void setNullableMillis(PreparedStatement statement, int index, @Nullable Instant instant)
            throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }

    static void setNullableInt(PreparedStatement statement, int index, @Nullable Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static void setNullableString(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** {@code text} as a LIKE pattern matching itself only, with a backslash as the escape character. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static int flag(boolean value) {
        return value ? 1 : 0;
    }

    static boolean flag(ResultSet row, String column) throws SQLException {
        return row.getInt(column) != 0;
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return Instant.ofEpochMilli(row.getLong(column));
    }

    static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static @Nullable Integer nullableInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    /** Question marks for an {@code IN (…)} list of {@code count} values. */
    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
