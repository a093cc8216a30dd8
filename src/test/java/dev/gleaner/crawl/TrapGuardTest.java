package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrapGuardTest {
    private static final Clock NOVEMBER_2026 = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    private final TrapGuard guard = new TrapGuard(NOVEMBER_2026);

    private java.util.Optional<String> trap(String url) {
        return guard.trap(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://example.com/",
                "http://example.com/docs/guide/intro.html",
                "http://example.com/blog/2026/11/28/a-post",
                "http://example.com/blog/2009/05/old-post",
                "http://example.com/calendar/2028/01",
                "http://example.com/events?date=2026-12-01",
                "http://example.com/api/v1/users/1/posts/1/comments/1",
                "http://example.com/docs/en/guide/en/summary",
                "http://example.com/products/1234",
                "http://example.com/search?q=boats&page=2&sort=asc"
            })
    void ordinaryUrlsAreNoTraps(String url) {
        assertThat(trap(url)).isEmpty();
    }

    @Test
    void refusesAUrlLongerThanTheCap() {
        String base = "http://example.com/";
        String atCap = base + "a".repeat(TrapLimits.DEFAULT_MAX_URL_LENGTH - base.length());

        assertThat(trap(atCap)).isEmpty();
        assertThat(trap(atCap + "a"))
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("1025 characters long").contains("limit is 1024"));
    }

    @Test
    void refusesAPathDeeperThanTheCap() {
        String atCap = "http://example.com" + segments(TrapLimits.DEFAULT_MAX_PATH_SEGMENTS);

        assertThat(trap(atCap)).isEmpty();
        assertThat(trap(atCap + "/last"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("21 segments deep"));
    }

    @Test
    void refusesOneSegmentRepeatedInARow() {
        assertThat(trap("http://example.com/x/x")).isEmpty();
        assertThat(trap("http://example.com/x/x/x"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'x' occurs 3 times"));
    }

    @Test
    void refusesARunOfSegmentsThatFollowsItself() {
        assertThat(trap("http://example.com/a/b/a/b")).isEmpty();
        assertThat(trap("http://example.com/a/b/a/b/a/b"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'a' occurs 3 times"));
        assertThat(trap("http://example.com/docs/1/2/1/2/1/2"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("repeats '/1/2' 3 times in a row"));
    }

    @Test
    void refusesANamedSegmentOccurringTooOftenAnywhere() {
        assertThat(trap("http://example.com/shop/red/shop/blue/shop/green"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'shop' occurs 3 times"));
    }

    @Test
    void refusesMoreQueryParametersThanTheCap() {
        StringBuilder query = new StringBuilder("?p0=0");
        for (int i = 1; i < TrapLimits.DEFAULT_MAX_QUERY_PARAMETERS; i++) {
            query.append("&p").append(i).append('=').append(i);
        }

        assertThat(trap("http://example.com/search" + query)).isEmpty();
        assertThat(trap("http://example.com/search" + query + "&one=more"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("17 parameters"));
    }

    @Test
    void refusesMoreDateSegmentsThanTheCap() {
        assertThat(trap("http://example.com/2026/11/28")).isEmpty();
        assertThat(trap("http://example.com/2026/11/2026/12"))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("4 date segments").contains("calendar"));
        assertThat(trap("http://example.com/day/2026-11-28/2026-11-29/2026-11-30/2026-12-01"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("4 date segments"));
    }

    @Test
    void refusesACalendarMonthTooFarAheadOfToday() {
        assertThat(trap("http://example.com/calendar/2028/12")).isEmpty();
        assertThat(trap("http://example.com/calendar/2029/01"))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("2029").contains("2 years after 2026"));
    }

    @Test
    void refusesACalendarMonthTooFarBeforeToday() {
        assertThat(trap("http://example.com/calendar/2006/01")).isEmpty();
        assertThat(trap("http://example.com/calendar/2005/12"))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("2005").contains("20 years before 2026"));
    }

    @Test
    void refusesCalendarDatesInTheQuery() {
        assertThat(trap("http://example.com/events?month=2031-04"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("2031"));
        assertThat(trap("http://example.com/events?year=1990&month=4"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("1990"));
    }

    @Test
    void theCalendarRangeFollowsTheClock() {
        TrapGuard later = new TrapGuard(Clock.fixed(Instant.parse("2031-01-01T00:00:00Z"), ZoneOffset.UTC));

        assertThat(later.trap(URI.create("http://example.com/calendar/2032/06")))
                .isEmpty();
        assertThat(guard.trap(URI.create("http://example.com/calendar/2032/06")))
                .isPresent();
    }

    @Test
    void usesTheCapsItIsGiven() {
        TrapGuard strict = new TrapGuard(NOVEMBER_2026, new TrapLimits(100, 3, 1, 1, 1, 0, 0));

        assertThat(strict.trap(URI.create("http://example.com/a/b/c"))).isEmpty();
        assertThat(strict.trap(URI.create("http://example.com/a/b/c/d"))).isPresent();
        assertThat(strict.trap(URI.create("http://example.com/a/a"))).isPresent();
        assertThat(strict.trap(URI.create("http://example.com/s?a=1&b=2"))).isPresent();
        assertThat(strict.trap(URI.create("http://example.com/2026/11")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("2 date segments"));
        assertThat(strict.trap(URI.create("http://example.com/2025-11")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("0 years before 2026"));
    }

    private static String segments(int count) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < count; i++) {
            path.append("/s").append(i);
        }
        return path.toString();
    }
}
