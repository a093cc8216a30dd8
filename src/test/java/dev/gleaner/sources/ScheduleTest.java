package dev.gleaner.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final Instant T = Instant.parse("2026-12-06T10:07:30Z");

    @Test
    void anIntervalIsDueOneIntervalAfterAnInstant() {
        Schedule every = valid(Schedule.every("PT6H"));

        assertThat(every).isEqualTo(new Schedule.Every(Duration.ofHours(6)));
        assertThat(every.nextAfter(T)).isEqualTo(Instant.parse("2026-12-06T16:07:30Z"));
    }

    @Test
    void anIntervalKeepsItsRhythmAndSkipsTimesMissedWhileNothingRan() {
        Schedule every = new Schedule.Every(Duration.ofHours(1));
        Instant due = Instant.parse("2026-12-06T10:00:00Z");

        assertThat(every.nextAfterRun(due, due.plusSeconds(2))).isEqualTo(Instant.parse("2026-12-06T11:00:00Z"));
        assertThat(every.nextAfterRun(due, Instant.parse("2026-12-06T13:30:00Z")))
                .as("three missed times run once, then the rhythm goes on")
                .isEqualTo(Instant.parse("2026-12-06T14:00:00Z"));
        assertThat(every.nextAfterRun(due, Instant.parse("2026-12-06T14:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-06T15:00:00Z"));
    }

    @Test
    void aCronExpressionIsDueAtItsNextTimeInUtc() {
        Schedule nightly = valid(Schedule.cron("0 3 * * *"));

        assertThat(nightly.nextAfter(T)).isEqualTo(Instant.parse("2026-12-07T03:00:00Z"));
        assertThat(nightly.nextAfter(Instant.parse("2026-12-07T03:00:00Z")))
                .as("strictly after")
                .isEqualTo(Instant.parse("2026-12-08T03:00:00Z"));
        assertThat(valid(Schedule.cron("*/30 * * * 1-5")).nextAfter(Instant.parse("2026-12-05T10:00:00Z")))
                .as("Saturday: the next weekday")
                .isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(nightly.nextAfterRun(Instant.parse("2026-12-07T03:00:00Z"), Instant.parse("2026-12-09T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-10T03:00:00Z"));
    }

    @Test
    void fifteenMinutesIsTheShortestInterval() {
        assertThat(Schedule.every("PT15M")).isInstanceOf(Schedule.Parsed.Valid.class);
        assertThat(problem(Schedule.every("PT14M59S"))).isEqualTo("must be at least PT15M (15 minutes)");
        assertThat(problem(Schedule.every("PT1M"))).isEqualTo("must be at least PT15M (15 minutes)");
        assertThat(problem(Schedule.every("P400D"))).isEqualTo("must be at most PT8784H (366 days)");
        assertThat(problem(Schedule.every("hourly")))
                .isEqualTo("must be an ISO-8601 duration such as PT30M, PT6H or P1D");
    }

    @Test
    void aCronExpressionFiringMoreOftenThanEveryFifteenMinutesIsRefused() {
        assertThat(Schedule.cron("*/15 * * * *")).isInstanceOf(Schedule.Parsed.Valid.class);
        assertThat(problem(Schedule.cron("*/5 * * * *"))).startsWith("fires more often than every 15 minutes (");
        assertThat(problem(Schedule.cron("* * * * *"))).startsWith("fires more often than every 15 minutes");
        assertThat(problem(Schedule.cron("0,50 * * * *")))
                .as("10 minutes from :50 to the next :00")
                .startsWith("fires more often than every 15 minutes (00:50 then 01:00 UTC)");
    }

    @Test
    void aBadCronExpressionIsRefusedSayingWhatIsWrong() {
        assertThat(problem(Schedule.cron("0 3 * *")))
                .isEqualTo("must have 5 fields (minute hour day-of-month month day-of-week), e.g. 0 3 * * *");
        assertThat(problem(Schedule.cron("0 0 3 * * *"))).startsWith("must have 5 fields");
        assertThat(problem(Schedule.cron("61 3 * * *"))).startsWith("is not a valid cron expression: ");
        assertThat(problem(Schedule.cron("0 25 * * *"))).startsWith("is not a valid cron expression: ");
        assertThat(problem(Schedule.cron("a b c d e"))).startsWith("is not a valid cron expression: ");
        assertThat(problem(Schedule.cron("0 0 31 2 *"))).isEqualTo("never fires (no date matches it)");
    }

    @Test
    void aManualScheduleIsNeverDue() {
        assertThat(new Schedule.Manual().nextAfter(T)).isNull();
        assertThat(new Schedule.Manual().nextAfterRun(T, T)).isNull();
    }

    private static Schedule valid(Schedule.Parsed parsed) {
        assertThat(parsed).isInstanceOf(Schedule.Parsed.Valid.class);
        return ((Schedule.Parsed.Valid) parsed).schedule();
    }

    private static String problem(Schedule.Parsed parsed) {
        assertThat(parsed).isInstanceOf(Schedule.Parsed.Invalid.class);
        return ((Schedule.Parsed.Invalid) parsed).problem();
    }
}
