package dev.gleaner.crawl;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads an HTTP {@code Retry-After} value: delta-seconds or an IMF-fixdate (RFC 9110 §10.2.3). A date in the past
 * means zero; anything longer than {@link #MAX_WAIT} is cut to it, so a server cannot park a URL for years.
 */
final class RetryAfter {
    /** Longest wait a server can ask for. */
    static final Duration MAX_WAIT = Duration.ofHours(24);

    private static final int MAX_VALUE_LENGTH = 64;

    private RetryAfter() {}

    /** The wait the header asks for, or null when it is absent or unreadable. */
    static @Nullable Duration parse(@Nullable String value, Instant now) {
        if (value == null || value.isBlank() || value.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            return text.length() > 9 ? MAX_WAIT : capped(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : capped(wait);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration capped(Duration wait) {
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
