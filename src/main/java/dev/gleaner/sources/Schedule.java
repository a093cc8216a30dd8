package dev.gleaner.sources;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When a source syncs by itself: every fixed interval, at the times of a 5-field cron expression (UTC), or never
 * (manual: only when asked). The rule is pure: {@link #nextAfter} is the first due time strictly after an instant.
 *
 * <p>Two runs are at least {@link #MIN_INTERVAL} apart: an interval shorter than that, or a cron expression with two
 * of its next {@link #CRON_SAMPLES} times closer than that, is refused.
 */
public sealed interface Schedule {
    /** The shortest time between two scheduled syncs of one source. */
    Duration MIN_INTERVAL = Duration.ofMinutes(15);
    /** The longest interval (a source that syncs less often than yearly is a manual one). */
    Duration MAX_INTERVAL = Duration.ofDays(366);
    /** The longest cron expression accepted. */
    int MAX_CRON_LENGTH = 100;
    /** How many upcoming times of a cron expression are checked against {@link #MIN_INTERVAL}. */
    int CRON_SAMPLES = 1_000;

    /** The first due time strictly after {@code instant}, or null when the schedule has none (manual). */
    @Nullable
    Instant nextAfter(Instant instant);

    /**
     * The due time after a run that was due at {@code due} and ran at {@code now}: the first due time after
     * {@code now}. Due times missed while no process ran are not caught up, so a server back after a day runs a
     * source once, not once per missed time.
     */
    default @Nullable Instant nextAfterRun(Instant due, Instant now) {
        return nextAfter(now.isBefore(due) ? due : now);
    }

    /** Syncs every {@code interval}, measured from its creation (or from the change of its schedule). */
    record Every(Duration interval) implements Schedule {
        @Override
        public Instant nextAfter(Instant instant) {
            return instant.plus(interval);
        }

        @Override
        public Instant nextAfterRun(Instant due, Instant now) {
            // Keep the rhythm of the due times: the first due + k·interval after now.
            if (now.isBefore(due)) {
                return due.plus(interval);
            }
            long missed = Duration.between(due, now).toMillis() / interval.toMillis();
            return due.plus(interval.multipliedBy(missed + 1));
        }

        /** The ISO-8601 form, e.g. {@code PT1H}. */
        public String iso() {
            return interval.toString();
        }
    }

    /** Syncs at the times of a 5-field cron expression (minute hour day-of-month month day-of-week), in UTC. */
    record Cron(String expression) implements Schedule {
        @Override
        public @Nullable Instant nextAfter(Instant instant) {
            return ExecutionTime.forCron(Parsing.PARSER.parse(expression))
                    .nextExecution(instant.atZone(ZoneOffset.UTC))
                    .map(ZonedDateTime::toInstant)
                    .orElse(null);
        }
    }

    /** Never syncs by itself: only when asked ({@code POST …/sync}). */
    record Manual() implements Schedule {
        @Override
        public @Nullable Instant nextAfter(Instant instant) {
            return null;
        }
    }

    /** A schedule that was read, or why it cannot be used. */
    sealed interface Parsed {
        record Valid(Schedule schedule) implements Parsed {}

        record Invalid(String problem) implements Parsed {}
    }

    /** An interval given as an ISO-8601 duration ({@code PT15M}, {@code PT6H}, {@code P1D}), checked against the limits. */
    static Parsed every(String iso) {
        Duration interval;
        try {
            interval = Duration.parse(iso);
        } catch (DateTimeParseException e) {
            return new Parsed.Invalid("must be an ISO-8601 duration such as PT30M, PT6H or P1D");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            return new Parsed.Invalid("must be at least " + MIN_INTERVAL + " (15 minutes)");
        }
        if (interval.compareTo(MAX_INTERVAL) > 0) {
            return new Parsed.Invalid("must be at most " + MAX_INTERVAL + " (366 days)");
        }
        return new Parsed.Valid(new Every(interval));
    }

    /**
     * A 5-field cron expression in UTC, checked: it parses, it has a next time, and none of its next
     * {@link #CRON_SAMPLES} times (from a fixed reference, so the answer does not depend on when it is asked) is
     * closer than {@link #MIN_INTERVAL} to the one before.
     */
    static Parsed cron(String expression) {
        String trimmed = expression.strip();
        if (trimmed.length() > MAX_CRON_LENGTH) {
            return new Parsed.Invalid("must be at most " + MAX_CRON_LENGTH + " characters");
        }
        if (trimmed.split("\\s+").length != 5) {
            return new Parsed.Invalid(
                    "must have 5 fields (minute hour day-of-month month day-of-week), e.g. 0 3 * * *");
        }
        ExecutionTime times;
        try {
            times = ExecutionTime.forCron(Parsing.PARSER.parse(trimmed));
        } catch (IllegalArgumentException e) {
            return new Parsed.Invalid("is not a valid cron expression: " + Parsing.reason(e));
        }
        Optional<ZonedDateTime> next = times.nextExecution(Parsing.REFERENCE);
        if (next.isEmpty()) {
            return new Parsed.Invalid("never fires (no date matches it)");
        }
        ZonedDateTime previous = next.get();
        for (int i = 1; i < CRON_SAMPLES; i++) {
            Optional<ZonedDateTime> following = times.nextExecution(previous);
            if (following.isEmpty()) {
                break;
            }
            if (Duration.between(previous, following.get()).compareTo(MIN_INTERVAL) < 0) {
                return new Parsed.Invalid("fires more often than every 15 minutes (" + previous.toLocalTime() + " then "
                        + following.get().toLocalTime() + " UTC); sources sync at most every 15 minutes");
            }
            previous = following.get();
        }
        return new Parsed.Valid(new Cron(trimmed));
    }

    /** The cron parser (UNIX, 5 fields) and the reference time cron checks start from. */
    final class Parsing {
        static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
        static final ZonedDateTime REFERENCE = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

        private Parsing() {}

        static String reason(IllegalArgumentException e) {
            String message = e.getMessage();
            return message == null || message.isBlank() ? "it does not parse" : message;
        }
    }
}
