package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gleaner sources …} against the real application: create, list, show, update, sync, delete. */
@Timeout(120)
class SourcesCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "Bearer cli-source-s3cr3t-0c4f";

    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private TestApi api;
    private Kb kb;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.withGeneratedSite(3);
        api = app.newOwner();
        kb = Kb.create(api);
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    private ClientRun run(String... args) {
        return ClientRun.of(
                List.of(args),
                List.of(
                        "--server",
                        "http://127.0.0.1:" + app.port(),
                        "--key",
                        Objects.requireNonNull(api.key()),
                        "--kb",
                        kb.id()));
    }

    private static JsonNode json(ClientRun run) {
        try {
            return JSON.readTree(run.stdout());
        } catch (java.io.IOException e) {
            throw new AssertionError(run.describe(), e);
        }
    }

    @Test
    void aSourceIsCreatedListedShownChangedSyncedAndDeletedFromTheCommandLine() {
        ClientRun created = run(
                "sources",
                "create",
                site.siteUrl().toString(),
                "--name",
                "Handbook",
                "--header",
                "Authorization: " + TOKEN,
                "--every",
                "PT6H",
                "--json");
        assertThat(created.exit()).as(created.describe()).isEqualTo(ExitCodes.OK);
        JsonNode source = json(created);
        String id = source.path("id").asText();
        assertThat(id).startsWith("src_");
        assertThat(source.path("request").path("headers").path("Authorization").asText())
                .isEqualTo("***");
        assertThat(created.stdout()).doesNotContain("s3cr3t");

        ClientRun listed = run("sources", "list");
        assertThat(listed.exit()).as(listed.describe()).isEqualTo(ExitCodes.OK);
        assertThat(listed.stdout())
                .contains(id)
                .contains("Handbook")
                .contains("crawl " + site.siteUrl())
                .contains("every PT6H")
                .contains("never");

        ClientRun changed = run("sources", "update", id, "--cron", "0 3 * * *", "--limit", "2");
        assertThat(changed.exit()).as(changed.describe()).isEqualTo(ExitCodes.OK);
        assertThat(changed.stdout()).contains("Changed source " + id).contains("cron 0 3 * * * UTC");
        JsonNode after = api.get(kb.path() + "/sources/" + id).json();
        assertThat(after.path("request").path("limit").asInt()).isEqualTo(2);
        assertThat(after.path("request").path("headers").path("Authorization").asText())
                .as("kept")
                .isEqualTo("***");

        ClientRun sync = run("sources", "sync", id);
        assertThat(sync.exit()).as(sync.describe()).isEqualTo(ExitCodes.OK);
        String jobId = sync.stdout().strip();
        assertThat(jobId).startsWith("job_");
        kb.awaitFinished(jobId, Duration.ofSeconds(30));
        assertThat(site.requests())
                .filteredOn(r -> r.pathAndQuery().startsWith(site.siteUrl().getPath()))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(TOKEN));

        ClientRun shown = run("sources", "show", id);
        assertThat(shown.exit()).as(shown.describe()).isEqualTo(ExitCodes.OK);
        assertThat(shown.stdout())
                .contains("last sync: " + jobId + " completed (+2")
                .doesNotContain("s3cr3t");

        ClientRun deleted = run("sources", "delete", id);
        assertThat(deleted.exit()).as(deleted.describe()).isEqualTo(ExitCodes.OK);
        assertThat(run("sources", "list").stdout()).contains("No sources");
        ClientRun missing = run("sources", "show", id);
        assertThat(missing.exit()).isNotEqualTo(ExitCodes.OK);
    }

    @Test
    void aScheduleTheServerRefusesIsAUsageErrorSayingWhy() {
        ClientRun refused = run("sources", "create", site.siteUrl().toString(), "--every", "PT1M");
        assertThat(refused.exit()).as(refused.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.stderr()).contains("schedule.every").contains("at least PT15M");
    }
}
