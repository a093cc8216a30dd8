package dev.gleaner.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JobSink} that follows one job, or every job of a knowledgebase that is active while it watches, showing
 * each change on a {@link ProgressView}. Following one job ends when it has finished; watching ends when every job
 * it saw active has finished (at once when none was active at the first snapshot).
 */
public final class JobWatch implements JobSink {
    private final @Nullable String onlyJob;
    private final ProgressView view;
    private final Clock clock;
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    private boolean ready;

    private JobWatch(@Nullable String onlyJob, ProgressView view, Clock clock) {
        this.onlyJob = onlyJob;
        this.view = view;
        this.clock = clock;
    }

    public static JobWatch one(String jobId, ProgressView view, Clock clock) {
        return new JobWatch(jobId, view, clock);
    }

    public static JobWatch active(ProgressView view, Clock clock) {
        return new JobWatch(null, view, clock);
    }

    /** A job and when this watch first saw it, to measure its rate. */
    private static final class Tracked {
        private final Instant firstSeen;
        private final long firstFinished;
        private JobState state;

        Tracked(JobState state, Instant firstSeen) {
            this.state = state;
            this.firstSeen = firstSeen;
            this.firstFinished = state.done() + state.failed();
        }

        ProgressView.Line line(Instant now) {
            Instant start = state.startedAt() == null ? firstSeen : state.startedAt();
            Instant end = state.finishedAt() == null ? now : state.finishedAt();
            double seconds = Duration.between(firstSeen, now).toMillis() / 1000.0;
            long finished = state.done() + state.failed() - firstFinished;
            double rate = seconds < 0.5 ? 0 : finished / seconds;
            String text = ProgressLine.render(state, Duration.between(start, end), rate);
            return new ProgressView.Line(state.jobId(), state.status(), text);
        }
    }

    @Override
    public void job(JobState job) {
        if (onlyJob != null && !onlyJob.equals(job.jobId())) {
            return;
        }
        Tracked known = tracked.get(job.jobId());
        if (known == null) {
            if (onlyJob == null && job.finished()) {
                return;
            }
            tracked.put(job.jobId(), new Tracked(job, clock.instant()));
        } else {
            known.state = job;
        }
        Instant now = clock.instant();
        view.show(tracked.values().stream().map(t -> t.line(now)).toList(), now);
    }

    @Override
    public void ready() {
        ready = true;
    }

    @Override
    public boolean finished() {
        if (onlyJob != null) {
            Tracked job = tracked.get(onlyJob);
            return job != null && job.state.finished();
        }
        return ready && tracked.values().stream().allMatch(t -> t.state.finished());
    }

    /** The last state of every job followed, in the order first seen. */
    public List<JobState> jobs() {
        List<JobState> jobs = new ArrayList<>();
        tracked.values().forEach(t -> jobs.add(t.state));
        return jobs;
    }

    /** The worst exit code of the followed jobs (0 when none). */
    public int exitCode() {
        return jobs().stream().mapToInt(JobState::exitCode).max().orElse(ExitCodes.OK);
    }
}
