package dev.gleaner.client;

import java.time.Duration;
import java.time.Instant;

/** The lines printed when a followed job has finished. */
public final class JobSummary {
    private JobSummary() {}

    /**
     * {@code Job job_… completed in 0:41: 117 done, 3 failed, 12 skipped, 120 admitted.}, then the job's error when
     * it failed, and where to see the failed pages when some failed.
     */
    public static String render(JobState job, Instant now) {
        return render(job, now, "gleaner");
    }

    /** As {@link #render(JobState, Instant)}, naming the command line {@code program} in its hint. */
    public static String render(JobState job, Instant now, String program) {
        Instant start = job.startedAt() == null ? now : job.startedAt();
        Instant end = job.finishedAt() == null ? now : job.finishedAt();
        StringBuilder text = new StringBuilder()
                .append("Job ")
                .append(job.jobId())
                .append(' ')
                .append(job.status())
                .append(" in ")
                .append(ProgressLine.clock(Duration.between(start, end)))
                .append(": ")
                .append(job.done())
                .append(" done, ")
                .append(job.failed())
                .append(" failed, ")
                .append(job.skipped())
                .append(" skipped, ")
                .append(job.total())
                .append(" admitted.");
        if (job.error() != null) {
            text.append(System.lineSeparator()).append("  error: ").append(job.error());
        }
        if (job.failed() > 0) {
            text.append(System.lineSeparator())
                    .append("  failed pages: ")
                    .append(program)
                    .append(" jobs pages ")
                    .append(job.jobId())
                    .append(" --outcome failed");
        }
        return text.toString();
    }
}
