package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gleaner serve} with settings that break rules: every problem printed, exit code 2, nothing started. */
class ServeUsageErrorIT {
    @TempDir
    Path temp;

    @Test
    void invalidSettingsAreListedTogetherAndNothingStarts() {
        Path data = temp.resolve("data");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute(
                "serve",
                "--workers",
                "0",
                "--port",
                "0",
                "--data",
                data.toString(),
                "--events-heartbeat-seconds",
                "30",
                "--webhook-secret",
                "short",
                "--role",
                "crawler");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("gleaner serve: invalid configuration:")
                .contains("  --workers must be ≥ 1, was 0")
                .contains("  --events-heartbeat-seconds must be between 1 and 25, was 30")
                .contains("  --webhook-secret must have at least 16 characters, had 5")
                .contains("  --role must be one of all, api, worker, was crawler")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("listening");
        // The data directory is the first thing a start creates.
        assertThat(Files.exists(data)).isFalse();
    }
}
