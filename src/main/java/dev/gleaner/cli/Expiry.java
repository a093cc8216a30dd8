package dev.gleaner.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a key expiry given on the command line: a duration from now, a UTC date, or an instant. */
final class Expiry {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([mhdw])");

    private Expiry() {}

    /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 2w} from {@code now}; {@code 2027-01-31}; {@code 2027-01-31T12:00:00Z}. */
    static Instant parse(String text, Instant now) {
        String value = text.strip();
        if (DURATION.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
            return now.plus(duration(value));
        }
        try {
            return value.contains("T")
                    ? Instant.parse(value)
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--expires must be a duration such as 30d, 12h or 90m, a date such as"
                    + " 2027-01-31 or an instant such as 2027-01-31T12:00:00Z, not '" + text + "'");
        }
    }

    /** {@code 90m}, {@code 12h}, {@code 30d}, {@code 2w}. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "A duration must be a number and a unit: m (minutes), h, d or w, such as 90m, 12h or 30d, not '"
                            + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
