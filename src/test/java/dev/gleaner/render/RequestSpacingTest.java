package dev.gleaner.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Requests of rendered pages start at least a gap apart, server by server. */
class RequestSpacingTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration GAP = Duration.ofMillis(500);
    private static final Instant LATER = START.plusSeconds(60);

    private final MutableClock clock = new MutableClock(START);
    private final RequestSpacing spacing = new RequestSpacing(clock);

    @Test
    void requestsToOneServerEachGetTheirTurnAGapAfterTheOneBefore() {
        URI url = URI.create("http://example.test/a.js");

        assertThat(spacing.reserve(url, GAP, LATER)).contains(START);
        assertThat(spacing.reserve(URI.create("http://example.test/b.json"), GAP, LATER))
                .contains(START.plus(GAP));
        assertThat(spacing.reserve(url, GAP, LATER)).contains(START.plus(GAP).plus(GAP));
    }

    @Test
    void anotherServerHasTurnsOfItsOwn() {
        spacing.reserve(URI.create("http://example.test/a.js"), GAP, LATER);

        assertThat(spacing.reserve(URI.create("http://example.test:8080/a.js"), GAP, LATER))
                .contains(START);
    }

    @Test
    void thePagesOwnFetchCountsAsTheRequestBeforeTheFirst() {
        URI page = URI.create("http://example.test/page");
        spacing.fetched(page, GAP);

        assertThat(spacing.reserve(URI.create("http://example.test/a.js"), GAP, LATER))
                .contains(START.plus(GAP));
    }

    @Test
    void aTurnAfterTheLatestAllowedIsNotGivenNorKept() {
        URI url = URI.create("http://example.test/a.js");
        spacing.reserve(url, GAP, LATER);

        assertThat(spacing.reserve(url, GAP, START.plusMillis(100))).isEmpty();
        assertThat(spacing.reserve(url, GAP, LATER)).contains(START.plus(GAP));
    }

    @Test
    void aServerIdleForLongerThanItsGapIsAskedAtOnce() {
        URI url = URI.create("http://example.test/a.js");
        spacing.reserve(url, GAP, LATER);
        clock.advance(Duration.ofSeconds(2));

        assertThat(spacing.reserve(url, GAP, LATER)).contains(START.plusSeconds(2));
    }

    @Test
    void noGapMeansNoWait() {
        URI url = URI.create("http://example.test/a.js");
        spacing.fetched(url, Duration.ZERO);

        assertThat(spacing.reserve(url, Duration.ZERO, LATER)).contains(START);
        assertThat(spacing.reserve(url, Duration.ZERO, LATER)).contains(START);
    }
}
