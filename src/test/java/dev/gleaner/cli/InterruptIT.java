package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while {@code gleaner crawl} follows its job: the command line runs as a separate JVM against the real
 * application, crawling a slow loopback site, and gets a real SIGINT.
 */
@Timeout(120)
class InterruptIT {
    private static final Pattern JOB_ID = Pattern.compile("Started job (job_[A-Za-z0-9_-]+)");
    private static final int SLOW_PAGES = 10;

    @TempDir
    Path data;

    @TempDir
    Path logs;

    private TestApp app;
    private TestSite site;
    private TestApi api;
    private Kb kb;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.builder().slowDelay(Duration.ofSeconds(2)).start();
        // A hub linking to pages that each take 2 s: with 2 requests per host the job runs about 10 s.
        String links = IntStream.range(0, SLOW_PAGES)
                .mapToObj(i -> "<a href=\"/slow?i=" + i + "\">slow " + i + "</a>")
                .collect(Collectors.joining(" "));
        site.page(
                "/hub",
                "<html><head><title>Hub</title></head><body><main><h1>Hub</h1><p>Slow pages.</p>" + links
                        + "</main></body></html>");
        api = app.newOwner();
        kb = Kb.create(api);
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        app.close();
        site.close();
    }

    @Test
    void ctrlCLeavesTheJobRunningAndSaysHowToFollowItAgain() throws Exception {
        Process cli = crawl();
        String jobId = awaitFollowing();

        Process interrupted = interrupt(cli);

        assertThat(interrupted.exitValue()).as(output()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(stderr())
                .contains("Interrupted: the job " + jobId + " keeps running.")
                .contains("Follow again with: gleaner jobs --watch --kb " + kb.id());
        assertThat(stderr()).doesNotContain("Exception");
        assertThat(statusInListing(jobId)).isIn("queued", "running");
        // Nobody follows it any more, yet it goes on to its end.
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(statusInListing(jobId)));
        assertThat(kb.job(jobId).path("done").asLong()).isEqualTo(SLOW_PAGES + 1);
    }

    @Test
    void ctrlCWithCancelOnInterruptCancelsTheJob() throws Exception {
        Process cli = crawl("--cancel-on-interrupt");
        String jobId = awaitFollowing();

        Process interrupted = interrupt(cli);

        assertThat(interrupted.exitValue()).as(output()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(stderr()).contains("Interrupted: cancelled job " + jobId + ".");
        assertThat(stderr()).doesNotContain("Exception");
        assertThat(statusInListing(jobId)).isEqualTo("cancelled");
        assertThat(kb.job(jobId).path("done").asLong()).isLessThan(SLOW_PAGES + 1);
    }

    /** Starts {@code gleaner crawl} on the hub in its own JVM, output to files, key and server in the environment. */
    private Process crawl(String... extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "crawl",
                site.url("/hub").toString(),
                "--kb",
                kb.id(),
                "--max-depth",
                "1",
                "--entire-domain",
                "--progress",
                "lines"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdoutFile().toFile())
                .redirectError(stderrFile().toFile());
        builder.environment().put("GLEANER_SERVER", "http://127.0.0.1:" + app.port());
        builder.environment().put("GLEANER_KEY", Objects.requireNonNull(api.key()));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Waits until the command line said it started the job and printed its progress; returns the job id. */
    private String awaitFollowing() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        JOB_ID.matcher(stderr()).find() && jobIdAfterStart().isPresent());
        String jobId = jobIdAfterStart().orElseThrow();
        assertThat(statusInListing(jobId)).isIn("queued", "running");
        return jobId;
    }

    /** The job id once a progress line of it followed the "Started job" line. */
    private Optional<String> jobIdAfterStart() {
        String err = stderr();
        Matcher started = JOB_ID.matcher(err);
        if (!started.find()) {
            return Optional.empty();
        }
        String jobId = started.group(1);
        return err.substring(started.end()).contains(jobId + "  ") ? Optional.of(jobId) : Optional.empty();
    }

    /** Sends SIGINT, as Ctrl-C does, and returns the process once it ended. */
    private static Process interrupt(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("the process exits")
                .isTrue();
        return process;
    }

    /** The job's status as {@code GET …/crawl/jobs} lists it. */
    private String statusInListing(String jobId) {
        for (JsonNode job : kb.jobs()) {
            if (jobId.equals(job.path("jobId").asText())) {
                return job.path("status").asText();
            }
        }
        throw new AssertionError("job " + jobId + " not listed: " + kb.jobs());
    }

    private Path stdoutFile() {
        return logs.resolve("cli.out");
    }

    private Path stderrFile() {
        return logs.resolve("cli.err");
    }

    private String stderr() {
        return read(stderrFile());
    }

    private String output() {
        return "--- stdout\n" + read(stdoutFile()) + "--- stderr\n" + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError(file.toString(), e);
        }
    }
}
