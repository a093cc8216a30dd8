package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands' wording, run as {@code bin/gleaner} against the real application on port 0 and against a
 * closed port: the program name in hints, plurals, a server that is not running, file errors in words; and the
 * {@code datasets} and {@code chunks} commands.
 */
@Timeout(120)
class ClientPolishIT {
    private static final String PROGRAM = "bin/gleaner";

    @TempDir
    Path data;

    @RegisterExtension
    final OwnedApp app = OwnedApp.in(() -> data);

    @Test
    void aServerThatIsNotRunningGetsAHintToStartIt() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, TestSite.ADDRESS)) {
            closed = socket.getLocalPort();
        }
        ClientRun jobs = ClientRun.as(
                PROGRAM, List.of("jobs"), List.of("--server", "http://127.0.0.1:" + closed, "--key", "dk_x"));

        assertThat(jobs.exit()).as(jobs.describe()).isEqualTo(ExitCodes.SERVER);
        assertThat(jobs.stderr().strip())
                .isEqualTo("gleaner: cannot reach http://127.0.0.1:" + closed + " (connection refused) — is the"
                        + " server running? Start it with: bin/gleaner serve");
    }

    @Test
    void aFileThatCannotBeReadIsSaidInWords() {
        ClientRun missing = app.runAs(PROGRAM, "import", "/nonexistent.txt", "--kb", "docs");

        assertThat(missing.exit()).as(missing.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.stderr().strip()).isEqualTo("gleaner: cannot read /nonexistent.txt: no such file");

        ClientRun directory = app.runAs(PROGRAM, "import", data.toString(), "--kb", "docs");
        assertThat(directory.stderr().strip()).startsWith("gleaner: cannot read " + data + ": ");
    }

    @Test
    void anImportOfOneUrlIsSingularAndHintsNameTheProgram() throws IOException {
        try (TestSite site = TestSite.start()) {
            Path list =
                    Files.writeString(data.resolve("urls.txt"), site.url("/a").toString() + "\n");

            ClientRun started = app.runAs(PROGRAM, "import", list.toString(), "--kb", "docs", "--detach");

            assertThat(started.exit()).as(started.describe()).isZero();
            assertThat(started.stderr())
                    .contains("(import of 1 URL)")
                    .contains("Follow it with: bin/gleaner jobs --watch --kb kb_");
        }
        ClientRun noKey = ClientRun.as(PROGRAM, List.of("jobs"), app.withKey(" "));
        assertThat(noKey.stderr()).contains("`bin/gleaner keys create` makes one");
    }

    @Test
    void datasetsAreListedShownAndDeletedAndChunksDisabledAndEnabled() {
        Kb kb = Kb.create(app.api());
        TestApi.Response uploaded = app.api()
                .upload(
                        kb.path() + "/datasets",
                        "dataset",
                        "notes.txt",
                        "text/plain",
                        "Gleaner keeps every chunk of a document. A disabled chunk never comes back from a query."
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String datasetId = uploaded.json().path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> app.api()
                .get(kb.path() + "/datasets/" + datasetId)
                .json()
                .path("isParsed")
                .asBoolean());

        ClientRun listed = app.runAs(PROGRAM, "datasets", "list", "--kb", kb.id());
        assertThat(listed.exit()).as(listed.describe()).isZero();
        assertThat(listed.stdout())
                .contains("DATASET")
                .contains(datasetId)
                .contains("notes.txt")
                .contains("searchable");

        assertThat(app.runAs(PROGRAM, "datasets", "list", "--kb", kb.id(), "--search", "notes")
                        .stdout())
                .contains(datasetId);
        assertThat(app.runAs(PROGRAM, "datasets", "list", "--kb", kb.id(), "--search", "elsewhere")
                        .stdout())
                .doesNotContain(datasetId)
                .contains("No datasets matching \"elsewhere\"");

        ClientRun shown = app.runAs(PROGRAM, "datasets", "show", datasetId);
        assertThat(shown.exit()).as(shown.describe()).isZero();
        assertThat(shown.stdout()).contains("id: " + datasetId).contains("filename: notes.txt");

        ClientRun chunks = app.runAs(PROGRAM, "chunks", "list", datasetId, "--kb", kb.id());
        assertThat(chunks.exit()).as(chunks.describe()).isZero();
        String chunkId = app.api()
                .get(kb.path() + "/datasets/" + datasetId + "/chunks")
                .json()
                .path(0)
                .path("id")
                .asText();
        assertThat(chunks.stdout()).contains(chunkId).contains("yes");

        ClientRun disabled = app.runAs(PROGRAM, "chunks", "disable", datasetId, chunkId);
        assertThat(disabled.exit()).as(disabled.describe()).isZero();
        assertThat(chunk(kb, datasetId).path("isEnabled").asBoolean()).isFalse();
        assertThat(app.runAs(PROGRAM, "chunks", "enable", datasetId, chunkId).exit())
                .isZero();
        assertThat(chunk(kb, datasetId).path("isEnabled").asBoolean()).isTrue();

        ClientRun deleted = app.runAs(PROGRAM, "datasets", "delete", datasetId, "--kb", kb.id());
        assertThat(deleted.exit()).as(deleted.describe()).isZero();
        assertThat(app.api().get(kb.path() + "/datasets/" + datasetId).status()).isEqualTo(404);
        ClientRun gone = app.runAs(PROGRAM, "datasets", "show", datasetId);
        assertThat(gone.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(gone.stderr()).contains("no dataset " + datasetId);
    }

    private JsonNode chunk(Kb kb, String datasetId) {
        return app.api()
                .get(kb.path() + "/datasets/" + datasetId + "/chunks")
                .json()
                .path(0);
    }
}
