package dev.gleaner.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.testapp.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {
    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration GAP = Duration.ofMillis(250);

    private final MutableClock clock = new MutableClock(T0);
    private final ProgressThrottle throttle = new ProgressThrottle(GAP, clock);

    @Test
    void theFirstStateOfAJobIsSentAtOnce() {
        CrawlJob running = state("job_1", JobStatus.RUNNING, 1, 1);

        assertThat(throttle.offer(running)).containsExactly(running);
        assertThat(throttle.nextDue()).isEmpty();
    }

    @Test
    void statesWithinTheGapCoalesceAndTheLatestArrivesWhenItEnds() {
        throttle.offer(state("job_1", JobStatus.RUNNING, 1, 1));
        clock.advance(Duration.ofMillis(50));
        assertThat(throttle.offer(state("job_1", JobStatus.RUNNING, 2, 2))).isEmpty();
        clock.advance(Duration.ofMillis(50));
        CrawlJob latest = state("job_1", JobStatus.RUNNING, 3, 3);
        assertThat(throttle.offer(latest)).isEmpty();

        assertThat(throttle.nextDue()).contains(T0.plus(GAP));
        clock.advance(Duration.ofMillis(149));
        assertThat(throttle.due()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.due()).containsExactly(latest);
        assertThat(throttle.nextDue()).isEmpty();
    }

    @Test
    void neverMoreThanOneStatePerJobPerGap() {
        int sent = 0;
        Instant lastSent = null;
        for (int i = 1; i <= 200; i++) {
            clock.advance(Duration.ofMillis(10));
            List<CrawlJob> now = new java.util.ArrayList<>(throttle.offer(state("job_1", JobStatus.RUNNING, i, i)));
            now.addAll(throttle.due());
            for (CrawlJob ignored : now) {
                if (lastSent != null) {
                    assertThat(Duration.between(lastSent, clock.instant())).isGreaterThanOrEqualTo(GAP);
                }
                lastSent = clock.instant();
                sent++;
            }
        }
        // 2 s of changes every 10 ms: one state per 250 ms.
        assertThat(sent).isBetween(8, 9);
    }

    @Test
    void jobsAreThrottledIndependently() {
        CrawlJob a = state("job_a", JobStatus.RUNNING, 1, 1);
        CrawlJob b = state("job_b", JobStatus.RUNNING, 1, 1);

        assertThat(throttle.offer(a)).containsExactly(a);
        assertThat(throttle.offer(b)).containsExactly(b);
    }

    @Test
    void aStateNotNewerThanTheLatestIsDropped() {
        CrawlJob first = state("job_1", JobStatus.RUNNING, 5, 5);
        throttle.offer(first);
        clock.advance(Duration.ofSeconds(1));

        assertThat(throttle.offer(first)).isEmpty();
        assertThat(throttle.offer(state("job_1", JobStatus.RUNNING, 4, 4))).isEmpty();
        assertThat(throttle.nextDue()).isEmpty();
    }

    @Test
    void aSnapshotStateCountsForTheGapAndForStaleness() {
        CrawlJob snapshot = state("job_1", JobStatus.RUNNING, 5, 5);
        throttle.sent(snapshot);

        assertThat(throttle.offer(snapshot)).isEmpty();
        CrawlJob next = state("job_1", JobStatus.RUNNING, 6, 6);
        assertThat(throttle.offer(next)).isEmpty();
        clock.advance(GAP);
        assertThat(throttle.due()).containsExactly(next);
    }

    @Test
    void aFinishedStateIsNeverReplacedByALaterOne() {
        throttle.offer(state("job_1", JobStatus.RUNNING, 9, 1));
        clock.advance(Duration.ofMillis(10));
        CrawlJob completed = state("job_1", JobStatus.COMPLETED, 10, 2);
        assertThat(throttle.offer(completed)).isEmpty();
        CrawlJob retried = state("job_1", JobStatus.RUNNING, 10, 3);
        assertThat(throttle.offer(retried)).isEmpty();
        CrawlJob progressed = state("job_1", JobStatus.RUNNING, 11, 4);
        assertThat(throttle.offer(progressed)).isEmpty();

        clock.advance(GAP);
        assertThat(throttle.due()).containsExactly(completed);
        assertThat(throttle.due()).isEmpty();
        clock.advance(GAP);
        assertThat(throttle.due()).containsExactly(progressed);
    }

    /** A job's state; {@code version} orders its changes (its updatedAt). */
    private static CrawlJob state(String id, JobStatus status, long done, int version) {
        CrawlSpec spec = new CrawlSpec(
                JobMode.CRAWL,
                "https://site-a.test/",
                100,
                3,
                List.of(),
                List.of(),
                false,
                false,
                SitemapPolicy.SKIP,
                false);
        return CrawlJob.queued(id, "proj_1", "kb_1", spec, T0)
                .withCounts(100, done, 0)
                .withStatus(status)
                .withTimes(T0, T0.plusMillis(version), status.finished() ? T0.plusMillis(version) : null);
    }
}
