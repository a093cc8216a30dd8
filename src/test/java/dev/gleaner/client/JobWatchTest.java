package dev.gleaner.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When following ends, and with which exit code. */
class JobWatchTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    private static JobState job(String id, String status, long failed) {
        return new JobState(id, "crawl", status, 10, 10 - failed, failed, 0, null, null, null, null);
    }

    private static ProgressView view() {
        return new ProgressView.Lines(new PrintWriter(new StringWriter()));
    }

    @Test
    void followingOneJobIgnoresTheOthersAndEndsWhenItFinishes() {
        JobWatch watch = JobWatch.one("job_1", view(), CLOCK);

        watch.job(job("job_2", "completed", 0));
        watch.ready();
        assertThat(watch.finished()).isFalse();
        watch.job(job("job_1", "running", 0));
        assertThat(watch.finished()).isFalse();
        watch.job(job("job_1", "completed", 2));

        assertThat(watch.finished()).isTrue();
        assertThat(watch.jobs()).extracting(JobState::jobId).containsExactly("job_1");
        assertThat(watch.exitCode()).isEqualTo(ExitCodes.PAGES_FAILED);
    }

    @Test
    void watchingFollowsTheJobsActiveAtTheSnapshotAndThoseStartedLater() {
        JobWatch watch = JobWatch.active(view(), CLOCK);

        watch.job(job("job_old", "completed", 0));
        watch.job(job("job_1", "running", 0));
        watch.ready();
        watch.job(job("job_2", "queued", 0));
        watch.job(job("job_1", "completed", 0));
        assertThat(watch.finished()).isFalse();
        watch.job(job("job_2", "cancelled", 0));

        assertThat(watch.finished()).isTrue();
        assertThat(watch.jobs()).extracting(JobState::jobId).containsExactly("job_1", "job_2");
        assertThat(watch.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
    }

    @Test
    void watchingWithNoActiveJobEndsAtTheSnapshot() {
        JobWatch watch = JobWatch.active(view(), CLOCK);

        watch.job(job("job_old", "completed", 0));
        assertThat(watch.finished()).isFalse();
        watch.ready();

        assertThat(watch.finished()).isTrue();
        assertThat(watch.exitCode()).isEqualTo(ExitCodes.OK);
    }
}
