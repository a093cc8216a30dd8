package dev.gleaner.cli;

import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ClientException;
import dev.gleaner.client.JobState;
import dev.gleaner.client.JobStream;
import dev.gleaner.client.JobSummary;
import dev.gleaner.client.JobWatch;
import dev.gleaner.client.KbRef;
import dev.gleaner.client.ProgressView;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a command follows jobs: a progress bar on a terminal, plain lines otherwise (on stderr), then a summary per job
 * (on stdout). Ctrl-C leaves the jobs running and says how to follow them again, unless {@code --cancel-on-interrupt}.
 */
final class FollowOptions {
    /** How progress is shown. */
    enum Progress {
        auto,
        bar,
        lines
    }

    /** Said when the server has no events stream. */
    static final String POLLING_NOTE = "(followed by polling: this server has no job events stream)";

    @Spec(Spec.Target.MIXEE)
    @SuppressWarnings("NullAway.Init")
    CommandSpec mixee;

    @Option(names = "--detach", description = "Print the job id and return without following the job.")
    boolean detach;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            description = "auto (a bar on a terminal, else plain lines), bar, or lines.")
    Progress progress = Progress.auto;

    @Option(names = "--cancel-on-interrupt", description = "Cancel the job when interrupted (Ctrl-C) while following.")
    boolean cancelOnInterrupt;

    /** Follows {@code jobId}, or every active job of {@code kb} when null; returns the exit code. */
    int follow(ApiClient api, KbRef kb, @Nullable String jobId, PrintWriter out, PrintWriter err) {
        Clock clock = Clock.systemUTC();
        ProgressView view = bar() ? new ProgressView.Bar(err) : new ProgressView.Lines(err);
        JobWatch watch = jobId == null ? JobWatch.active(view, clock) : JobWatch.one(jobId, view, clock);
        AtomicBoolean following = new AtomicBoolean(true);
        Thread onInterrupt = new Thread(() -> interrupted(api, kb, jobId, following, err), "gleaner-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        JobStream.Transport transport;
        try {
            transport = new JobStream(api, JobStream.Settings.DEFAULTS)
                    .follow(kb, jobId == null ? List.of() : List.of(jobId), watch);
        } finally {
            following.set(false);
            removeHook(onInterrupt);
            view.end();
        }
        if (transport == JobStream.Transport.POLLING) {
            err.println(POLLING_NOTE);
        }
        List<JobState> jobs = watch.jobs();
        if (jobs.isEmpty()) {
            out.println("No job of knowledgebase " + kb.name() + " (" + kb.id() + ") is running.");
        }
        for (JobState job : jobs) {
            out.println(JobSummary.render(job, clock.instant(), program()));
        }
        out.flush();
        return watch.exitCode();
    }

    /** The program's name as invoked, for hints. */
    String program() {
        return mixee.root().name();
    }

    private boolean bar() {
        return switch (progress) {
            case bar -> true;
            case lines -> false;
            case auto -> onTerminal() && !"dumb".equals(System.getenv("TERM"));
        };
    }

    /** Whether standard output is a terminal: since JDK 22 there is a console even when output is redirected. */
    @SuppressWarnings("SystemConsoleNull") // null is what JDK 21, the release built for, gives without a terminal
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from JDK 22 on; the build targets 21, where a console is a terminal.
            return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(console));
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private void interrupted(
            ApiClient api, KbRef kb, @Nullable String jobId, AtomicBoolean following, PrintWriter err) {
        if (!following.get()) {
            return;
        }
        err.println();
        if (cancelOnInterrupt && jobId != null) {
            try {
                api.post(kb.path() + "/crawl/jobs/" + jobId + "/cancel", Map.of());
                err.println("Interrupted: cancelled job " + jobId + ".");
            } catch (ClientException e) {
                err.println("Interrupted; could not cancel job " + jobId + ": " + e.getMessage());
            }
        } else {
            err.println("Interrupted: the job" + (jobId == null ? "s keep" : " " + jobId + " keeps") + " running. "
                    + "Follow again with: " + program() + " jobs --watch --kb " + kb.id());
        }
        err.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs.
        }
    }
}
