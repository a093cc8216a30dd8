package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The exit codes of the client commands when the server cannot be reached, refuses the key, or the input is bad. */
@Timeout(60)
class ClientErrorsIT {
    @TempDir
    Path data;

    @RegisterExtension
    final OwnedApp app = OwnedApp.in(() -> data);

    @Test
    void aRefusedKeyExitsFourWithoutShowingTheKey() {
        ClientRun query = ClientRun.of(List.of("query", "anything", "--kb", "docs"), app.withKey("dk_not_a_real_key"));

        assertThat(query.exit()).as(query.describe()).isEqualTo(4);
        assertThat(query.stderr()).contains("refused the key").doesNotContain("dk_not_a_real_key");
    }

    @Test
    void aMissingKeyIsAUsageError() {
        ClientRun query = ClientRun.of(List.of("query", "anything", "--kb", "docs"), app.withKey(" "));

        assertThat(query.exit()).as(query.describe()).isEqualTo(2);
        assertThat(query.stderr()).contains("GLEANER_KEY");
    }

    @Test
    void anUnreachableServerExitsFour() {
        ClientRun jobs = ClientRun.of(List.of("jobs"), List.of("--server", "http://127.0.0.1:1", "--key", "dk_x"));

        assertThat(jobs.exit()).as(jobs.describe()).isEqualTo(4);
        assertThat(jobs.stderr()).contains("cannot reach http://127.0.0.1:1");
    }

    @Test
    void queryNeverCreatesAndAnUnknownKnowledgebaseIsAUsageError() {
        ClientRun query = app.run("query", "anything", "--kb", "nowhere");

        assertThat(query.exit()).as(query.describe()).isEqualTo(2);
        assertThat(query.stderr()).contains("no knowledgebase named \"nowhere\"");
        assertThat(app.api().get("/v1/projects").json().path("data")).isEmpty();
    }

    @Test
    void aBadSeedUrlIsAUsageErrorBeforeAnyRequest() {
        ClientRun crawl = app.run("crawl", "not a url", "--kb", "docs");

        assertThat(crawl.exit()).as(crawl.describe()).isEqualTo(2);
        assertThat(crawl.stderr()).contains("not an absolute http(s) URL");
        assertThat(app.api().get("/v1/projects").json().path("data")).isEmpty();
    }
}
