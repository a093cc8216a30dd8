package dev.gleaner.cli;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code bin/gleaner} command run as its own process, its stdout and stderr kept in files: what a user's terminal
 * would show.
 */
final class GleanerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Gleaner listening on http://127\\.0\\.0\\.1:(\\d+) ");

    private final Process process;
    private final Path out;
    private final Path err;

    private GleanerProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** The project's own {@code bin/gleaner args} (the build is current: the tests run after packaging). */
    static GleanerProcess script(Path work, List<String> args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of("bin", "gleaner").toAbsolutePath().toString()));
        command.addAll(args);
        return start(work, command, Map.of("GLEANER_JAVA_OPTS", "-Xmx768m"));
    }

    private static GleanerProcess start(Path work, List<String> command, Map<String, String> environment) {
        try {
            Path out = Files.createTempFile(work, "stdout", ".txt");
            Path err = Files.createTempFile(work, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().remove(Main.PROGRAM_VARIABLE);
            builder.environment().putAll(environment);
            return new GleanerProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int exitCode(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + within + "\n" + describe());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until the server says it listens, and returns its port. */
    int awaitListening(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server ended\n" + describe());
            }
            return LISTENING.matcher(stdout()).find();
        });
        Matcher port = LISTENING.matcher(stdout());
        if (!port.find()) {
            throw new AssertionError(describe());
        }
        return Integer.parseInt(port.group(1));
    }

    String stdout() {
        return read(out);
    }

    String stderr() {
        return read(err);
    }

    List<String> stderrLines() {
        return stderr().lines().toList();
    }

    String describe() {
        return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the process at once (SIGKILL: no shutdown hook runs), as a crash would, and waits for it to end. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("still running 30 s after SIGKILL\n" + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process as a supervisor would (SIGTERM) and waits for it to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
