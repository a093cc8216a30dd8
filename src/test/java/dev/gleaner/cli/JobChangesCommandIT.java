package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.MutableSite;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gleaner jobs changes} and the changes line of {@code gleaner jobs show}, in-process against the real
 * application after two syncs of a site the test changed in between.
 */
@Timeout(120)
class JobChangesCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private MutableSite pages;
    private TestApi api;
    private Kb kb;
    private String jobId;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.start();
        pages = MutableSite.on(site)
                .put("tides", "High tide comes twice a day at the north pier.")
                .put("ferries", "The ferry leaves at six in the morning.")
                .put("moorings", "Mooring lines are inspected every month.")
                .put("lighthouse", "The lighthouse keeper lives on the island.");
        api = app.newOwner();
        kb = Kb.create(api);
        sync();
        pages.edit("ferries", "The ferry now leaves at seven.")
                .remove("moorings", 404)
                .unlink("lighthouse");
        jobId = sync();
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void changesPrintsTheCountsThenEveryChangedUrlWithItsKind() {
        ClientRun run = run("jobs", "changes", jobId);

        assertThat(run.exit()).as(run.describe()).isEqualTo(ExitCodes.OK);
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines.get(0)).isEqualTo("0 new, 1 updated, 1 unchanged, 2 removed, 1 failed");
        assertThat(lines.get(1)).startsWith("CHANGE").contains("REASON").endsWith("URL");
        assertThat(rows(lines))
                .containsExactlyInAnyOrder(
                        "updated " + url("ferries"),
                        "unchanged " + url("tides"),
                        "removed " + url("moorings"),
                        "removed " + url("lighthouse"),
                        "failed " + url("moorings"));
    }

    @Test
    void kindAndLimitNarrowTheListingAndJsonPrintsTheAnswersFields() throws Exception {
        ClientRun removed = run("jobs", "changes", jobId, "--kind", "removed", "--json");
        ClientRun one = run("jobs", "changes", jobId, "--kind", "removed", "--limit", "1");

        assertThat(removed.exit()).as(removed.describe()).isEqualTo(ExitCodes.OK);
        JsonNode report = JSON.readTree(removed.stdout());
        assertThat(report.path("changes").path("removed").asLong()).isEqualTo(2);
        assertThat(report.path("failed").asLong()).isEqualTo(1);
        List<String> urls = new ArrayList<>();
        report.path("pages")
                .forEach(page -> urls.add(
                        page.path("change").asText() + " " + page.path("url").asText()));
        assertThat(urls).containsExactlyInAnyOrder("removed " + url("moorings"), "removed " + url("lighthouse"));
        assertThat(one.exit()).as(one.describe()).isEqualTo(ExitCodes.OK);
        assertThat(rows(one.stdout().lines().toList())).hasSize(1);
    }

    @Test
    void aListingLongerThanOneServerPagePrintsEveryUrlOnceInTheServersOrder() throws Exception {
        List<String> added = List.of("quays", "buoys", "cranes", "slipways", "pilots", "tugs", "customs");
        added.forEach(name -> pages.put(name, "The harbour's " + name + " are listed in the port handbook."));
        String third = sync();
        List<String> expected = new ArrayList<>();
        for (String kind : JobChangesCommand.KINDS) {
            JsonNode answer = JSON.readTree(api.get(kb.path() + "/crawl/jobs/" + third + "/changes?change=" + kind
                            + "&limit=" + JobChangesCommand.MAX_PAGE_SIZE)
                    .text());
            assertThat(answer.has("nextCursor")).isFalse();
            answer.path("pages")
                    .forEach(page -> expected.add(kind + " " + page.path("url").asText()));
        }
        assertThat(expected).filteredOn(row -> row.startsWith("new ")).hasSize(added.size());

        ClientRun run = run("jobs", "changes", third, "--page-size", "2");
        ClientRun firstFive = run("jobs", "changes", third, "--kind", "new", "--page-size", "2", "--limit", "5");

        assertThat(run.exit()).as(run.describe()).isEqualTo(ExitCodes.OK);
        assertThat(rows(run.stdout().lines().toList())).containsExactlyElementsOf(expected);
        assertThat(firstFive.exit()).as(firstFive.describe()).isEqualTo(ExitCodes.OK);
        assertThat(rows(firstFive.stdout().lines().toList())).containsExactlyElementsOf(expected.subList(0, 5));
    }

    @Test
    void aPageSizeOutsideTheServersBoundIsAUsageError() {
        ClientRun run = run("jobs", "changes", jobId, "--page-size", "0");

        assertThat(run.exit()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--page-size must be between 1 and 1000 (got 0)");
    }

    @Test
    void anUnknownKindIsAUsageErrorNamingTheKinds() {
        ClientRun run = run("jobs", "changes", jobId, "--kind", "deleted");

        assertThat(run.exit()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--kind must be one of: new, updated, unchanged, removed, failed");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void showPrintsTheChangesLine() {
        ClientRun run = run("jobs", "show", jobId);

        assertThat(run.exit()).as(run.describe()).isEqualTo(ExitCodes.OK);
        assertThat(run.stdout().lines())
                .contains("changes: 0 new, 1 updated, 1 unchanged, 2 removed, 1 failed", "sourceId: src_cli");
    }

    /** The table's rows as {@code CHANGE URL}, the reason between them left out. */
    private static List<String> rows(List<String> lines) {
        return lines.stream()
                .skip(2)
                .map(line -> {
                    String[] words = line.trim().split("\\s+");
                    return words[0] + " " + words[words.length - 1];
                })
                .toList();
    }

    private String sync() {
        CrawlSpec spec = new CrawlSpec(
                JobMode.CRAWL,
                pages.index().toString(),
                100,
                3,
                List.of(),
                List.of(),
                false,
                false,
                SitemapPolicy.SKIP,
                false);
        String id = app.startSync(kb, spec, "src_cli");
        assertThat(kb.awaitFinished(id, WITHIN).path("status").asText()).isEqualTo("completed");
        return id;
    }

    private ClientRun run(String... args) {
        return ClientRun.of(
                List.of(args),
                List.of("--server", "http://127.0.0.1:" + app.port(), "--key", Objects.requireNonNull(api.key())));
    }

    private String url(String name) {
        return pages.url(name).toString();
    }
}
