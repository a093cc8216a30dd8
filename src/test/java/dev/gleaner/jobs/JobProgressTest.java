package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobProgressTest {
    static final Instant T0 = JobFixtures.T0;

    @Test
    void aChangeIsStampedWithItsTimeToTheMillisecond() {
        CrawlJob before = JobFixtures.job(10, T0);

        CrawlJob after = JobProgress.stamped(before, JobProgress.admitted(before), T0.plusNanos(5_600_000));

        assertThat(after.total()).isEqualTo(1);
        assertThat(after.updatedAt()).isEqualTo(T0.plusMillis(5));
    }

    @Test
    void aChangeAtALaggingClockStillMovesUpdatedAtForward() {
        CrawlJob before = JobFixtures.job(10, T0);

        CrawlJob after = JobProgress.stamped(before, JobProgress.succeeded(before), T0.minusSeconds(3));

        assertThat(after.updatedAt()).isEqualTo(T0.plusMillis(1));
    }

    @Test
    void aJobThatFinishesInAChangeFinishesAtItsTime() {
        CrawlJob before = JobFixtures.job(10, T0);
        Instant now = T0.plusSeconds(7);

        CrawlJob after = JobProgress.stamped(before, JobProgress.finished(before, JobStatus.CANCELLED, null), now);

        assertThat(after.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(after.finishedAt()).isEqualTo(now);
        assertThat(after.updatedAt()).isEqualTo(now);
    }

    @Test
    void skippingOverTheLimitCountsItAndMarksTheLimitReached() {
        CrawlJob job = JobFixtures.job(10, T0);

        CrawlJob skipped = JobProgress.skipped(JobProgress.skipped(job, SkipReason.ROBOTS), SkipReason.OVER_LIMIT);

        assertThat(skipped.skipped()).isEqualTo(new Skipped(1, 0, 0, 1));
        assertThat(skipped.limitReached()).isTrue();
        assertThat(JobProgress.skipped(job, SkipReason.DUPLICATE).limitReached())
                .isFalse();
    }

    @Test
    void onlyAQueuedJobStartsRunning() {
        CrawlJob queued = JobFixtures.job(10, T0);
        CrawlJob cancelled = JobProgress.finished(queued, JobStatus.CANCELLED, null);

        assertThat(JobProgress.running(queued).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(JobProgress.running(cancelled)).isEqualTo(cancelled);
    }
}
