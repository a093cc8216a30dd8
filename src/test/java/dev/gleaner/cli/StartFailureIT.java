package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way {@code serve} commonly fails to start is one sentence on stderr saying what to do, exit code 1, and no
 * stack trace (unless {@code --verbose}); and a failed start releases all it opened, so the next start in the same
 * process serves from the same data directory.
 */
@Timeout(180)
class StartFailureIT {
    private static final Duration WITHIN = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void aPortInUseIsOneSentenceNamingThePortAndTheOption() throws IOException {
        try (ServerSocket taken = takenPort()) {
            int port = taken.getLocalPort();
            GleanerProcess serve = GleanerProcess.script(work, serve(port, work.resolve("data")));

            assertThat(serve.exitCode(WITHIN)).as(serve.describe()).isEqualTo(1);
            assertThat(serve.stderrLines())
                    .as(serve.describe())
                    .containsExactly("gleaner: port " + port + " on 127.0.0.1 is already in use: stop what listens on"
                            + " it, or choose another port with --port");
            assertThat(serve.stdout()).isEmpty();
        }
    }

    @Test
    void aSecondServeOnTheSameDataDirectoryNamesTheDirectoryAndTheProcessHoldingIt() {
        Path data = work.resolve("data");
        try (TestApp running = TestApp.start(data)) {
            GleanerProcess second = GleanerProcess.script(work, serve(0, data));

            assertThat(second.exitCode(WITHIN)).as(second.describe()).isEqualTo(1);
            assertThat(second.stderrLines())
                    .as(second.describe())
                    .containsExactly("gleaner: the data directory "
                            + data.toAbsolutePath().normalize()
                            + " is in use by another Gleaner process (pid "
                            + ProcessHandle.current().pid()
                            + "): stop it, or choose another directory with --data");
            assertThat(running.anonymous().get("/health").status())
                    .as("the running server is untouched")
                    .isEqualTo(200);
        }
    }

    @Test
    void aDataDirectoryUnderAFileNamesTheFile() throws IOException {
        Path file = Files.writeString(work.resolve("notes.txt"), "not a directory");
        GleanerProcess serve = GleanerProcess.script(work, serve(0, file.resolve("data")));

        assertThat(serve.exitCode(WITHIN)).as(serve.describe()).isEqualTo(1);
        assertThat(serve.stderrLines())
                .as(serve.describe())
                .containsExactly("gleaner: cannot use the data directory " + file.resolve("data") + ": " + file
                        + " is a file, not a directory; choose another directory with --data");
    }

    @Test
    void aFailedStartReleasesTheDataDirectorySoTheNextStartInThisProcessServes() throws IOException {
        Path data = work.resolve("data");
        Set<String> threadsBefore = gleanerThreads();
        try (ServerSocket taken = takenPort()) {
            ClientRun failed = ClientRun.of(serve(taken.getLocalPort(), data), List.of());

            assertThat(failed.exit()).as(failed.describe()).isEqualTo(1);
            assertThat(failed.stderr())
                    .as(failed.describe())
                    .contains("is already in use")
                    .doesNotContain("\tat ");
        }
        assertThat(gleanerThreads()).as("no thread of the failed start is left").isSubsetOf(threadsBefore);

        try (TestApp again = TestApp.start(data)) {
            assertThat(again.anonymous().get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void verboseAddsTheStackTraceAfterTheSentence() throws IOException {
        try (ServerSocket taken = takenPort()) {
            List<String> args = new java.util.ArrayList<>(serve(taken.getLocalPort(), work.resolve("data")));
            args.add("--verbose");
            ClientRun failed = ClientRun.of(args, List.of());

            assertThat(failed.exit()).as(failed.describe()).isEqualTo(1);
            assertThat(failed.stderr().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                    .startsWith("gleaner: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"));
            assertThat(failed.stderr()).contains("\tat dev.gleaner.cli.Application.start");
        }
    }

    private static List<String> serve(int port, Path data) {
        return List.of("serve", "--port", Integer.toString(port), "--data", data.toString());
    }

    private static ServerSocket takenPort() throws IOException {
        return new ServerSocket(0, 1, TestSite.ADDRESS);
    }

    /** The threads of the application's own pools, the database pool's and the HTTP server's. */
    private static Set<String> gleanerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.contains("gleaner") || name.contains("Jetty") || name.startsWith("qtp"))
                .collect(Collectors.toSet());
    }
}
