package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage errors of the client commands, caught before any request, and the exit codes their help documents. */
class ClientUsageTest {
    private static final List<String> NO_SERVER = List.of("--server", "http://127.0.0.1:1", "--key", "dk_x");

    @Test
    void aMissingRequiredOptionExitsTwo() {
        ClientRun crawl = ClientRun.of(List.of("crawl", "https://example.com/"), NO_SERVER);

        assertThat(crawl.exit()).as(crawl.describe()).isEqualTo(2);
        assertThat(crawl.stderr()).contains("Missing required option: '--kb=<kb>'");
    }

    @Test
    void aFileThatCannotBeReadExitsTwo() {
        ClientRun imported = ClientRun.of(List.of("import", "/nonexistent/urls.txt", "--kb", "docs"), NO_SERVER);

        assertThat(imported.exit()).as(imported.describe()).isEqualTo(2);
        assertThat(imported.stderr()).startsWith("gleaner: cannot read /nonexistent/urls.txt");
    }

    @Test
    void aServerThatIsNotAnHttpUrlExitsTwo() {
        ClientRun jobs = ClientRun.of(List.of("jobs"), List.of("--server", "ftp://host", "--key", "dk_x"));

        assertThat(jobs.exit()).as(jobs.describe()).isEqualTo(2);
        assertThat(jobs.stderr()).contains("--server must be an http(s) URL");
    }

    @Test
    void everyClientCommandsHelpListsTheExitCodes() {
        for (String command : List.of("crawl", "import", "jobs", "query")) {
            ClientRun help = ClientRun.of(List.of(command, "--help"), List.of());

            assertThat(help.exit()).isZero();
            assertThat(help.stdout())
                    .as(command)
                    .contains("Exit codes:")
                    .contains("  1  job completed with some failed pages")
                    .contains("  4  server unreachable");
        }
    }
}
