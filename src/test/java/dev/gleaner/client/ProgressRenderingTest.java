package dev.gleaner.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The progress line, the summary and the two progress views. */
class ProgressRenderingTest {
    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

    private static JobState job(String status, long total, long done, long failed, @Nullable String error) {
        Instant finished = status.equals("running") ? null : START.plusSeconds(41);
        return new JobState("job_1", "crawl", status, total, done, failed, 12, null, START, finished, error);
    }

    @Test
    void theLineShowsTheBarCountsStatusRateAndElapsedTime() {
        String line = ProgressLine.render(job("running", 120, 39, 3, null), Duration.ofSeconds(41), 12.34);

        assertThat(line).isEqualTo("[#######-------------] 42/120  failed 3  running  12.3 pages/s  0:41");
    }

    @Test
    void theBarIsEmptyWithoutAdmittedUrlsAndFullWhenAllFinished() {
        assertThat(ProgressLine.bar(0, 0)).isEqualTo("[" + "-".repeat(20) + "]");
        assertThat(ProgressLine.bar(7, 7)).isEqualTo("[" + "#".repeat(20) + "]");
    }

    @Test
    void elapsedTimeShowsHoursOnlyFromAnHourOn() {
        assertThat(ProgressLine.clock(Duration.ofSeconds(5))).isEqualTo("0:05");
        assertThat(ProgressLine.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
        assertThat(ProgressLine.clock(Duration.ofSeconds(-3))).isEqualTo("0:00");
    }

    @Test
    void theSummaryOfACompletedJobWithFailuresNamesWhereToSeeThem() {
        String summary = JobSummary.render(job("completed", 120, 117, 3, null), START.plusSeconds(99));

        assertThat(summary)
                .isEqualTo("Job job_1 completed in 0:41: 117 done, 3 failed, 12 skipped, 120 admitted."
                        + System.lineSeparator()
                        + "  failed pages: gleaner jobs pages job_1 --outcome failed");
        assertThat(job("completed", 120, 117, 3, null).exitCode()).isEqualTo(ExitCodes.PAGES_FAILED);
    }

    @Test
    void theSummaryOfAFailedJobGivesItsError() {
        JobState failed = job("failed", 1, 0, 0, "seed unreachable");

        assertThat(JobSummary.render(failed, START))
                .contains("Job job_1 failed")
                .contains("  error: seed unreachable");
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(job("cancelled", 1, 0, 0, null).exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(job("completed", 5, 5, 0, null).exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void plainLinesAppearAtStatusChangesAndAtMostEveryIntervalOtherwise() {
        StringWriter text = new StringWriter();
        ProgressView view = new ProgressView.Lines(new PrintWriter(text));

        view.show(List.of(new ProgressView.Line("job_1", "queued", "a")), START);
        view.show(List.of(new ProgressView.Line("job_1", "running", "b")), START.plusMillis(100));
        view.show(List.of(new ProgressView.Line("job_1", "running", "c")), START.plusSeconds(1));
        view.show(
                List.of(new ProgressView.Line("job_1", "running", "d")),
                START.plusMillis(100).plus(ProgressView.Lines.INTERVAL));
        view.show(List.of(new ProgressView.Line("job_1", "completed", "e")), START.plusSeconds(6));
        view.end();

        String nl = System.lineSeparator();
        assertThat(text.toString()).isEqualTo("job_1  a" + nl + "job_1  b" + nl + "job_1  d" + nl + "job_1  e" + nl);
        assertThat(text.toString()).doesNotContain("\r").doesNotContain("\u001b");
    }

    @Test
    void theBarRedrawsInPlaceAndMovesUpOverSeveralJobs() {
        StringWriter text = new StringWriter();
        ProgressView view = new ProgressView.Bar(new PrintWriter(text));

        view.show(List.of(new ProgressView.Line("job_1", "running", "a")), START);
        view.show(List.of(new ProgressView.Line("job_1", "running", "b")), START);
        view.show(
                List.of(new ProgressView.Line("job_1", "running", "c"), new ProgressView.Line("job_2", "running", "x")),
                START);
        view.show(
                List.of(new ProgressView.Line("job_1", "running", "d"), new ProgressView.Line("job_2", "running", "y")),
                START);
        view.end();

        assertThat(text.toString())
                .isEqualTo("\r\u001b[2Ka" + "\r\u001b[2Kb" + "\r\u001b[2Kjob_1  c\n\r\u001b[2Kjob_2  x"
                        + "\u001b[1A\r\u001b[2Kjob_1  d\n\r\u001b[2Kjob_2  y" + System.lineSeparator());
    }
}
