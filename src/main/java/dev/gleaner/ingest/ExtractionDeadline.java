package dev.gleaner.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The moment one page's extraction must be done by. The walks over the page call {@link #step()} per node; the clock
 * is read only every {@link #STEPS_PER_CHECK} steps, so checking costs nearly nothing. Not thread-safe: one per page.
 */
final class ExtractionDeadline {
    static final int STEPS_PER_CHECK = 1024;

    private final Clock clock;
    private final Instant end;
    private final Duration limit;
    private int steps;

    ExtractionDeadline(Clock clock, Duration limit) {
        this.clock = clock;
        this.limit = limit;
        this.end = clock.instant().plus(limit);
    }

    /** Counts one unit of work; throws once the deadline has passed. */
    void step() {
        if (++steps % STEPS_PER_CHECK == 0) {
            check();
        }
    }

    /** Throws {@link ExtractionTimeoutException} when the deadline has passed. */
    void check() {
        if (clock.instant().isAfter(end)) {
            throw new ExtractionTimeoutException(limit);
        }
    }

    /** {@code in}, checking the deadline before every read, so parsing a huge page is bounded too. */
    Reader guard(Reader in) {
        return new FilterReader(in) {
            @Override
            public int read() throws IOException {
                check();
                return super.read();
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                check();
                return super.read(buffer, offset, length);
            }
        };
    }
}
