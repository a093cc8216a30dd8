package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.client.JobState;
import dev.gleaner.client.JobSummary;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands ({@code crawl}, {@code import}, {@code jobs}, {@code query}) run in-process against the real
 * application and a loopback site, following jobs to their end; output is not a terminal, so progress is plain lines.
 */
@Timeout(120)
class ClientCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_ID = Pattern.compile("job_[A-Za-z0-9_-]+");

    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private TestApi api;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.withGeneratedSite(25);
        api = app.newOwner();
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    private ClientRun run(String... args) {
        return ClientRun.of(List.of(args), connection());
    }

    private List<String> connection() {
        return List.of("--server", "http://127.0.0.1:" + app.port(), "--key", Objects.requireNonNull(api.key()));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static String jobId(String text) {
        Matcher matcher = JOB_ID.matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group();
    }

    /** The job as the API answers it, found through the command line's own listing. */
    private JobState jobOf(String jobId) {
        ClientRun show = run("jobs", "show", jobId, "--json");
        assertThat(show.exit()).as(show.describe()).isZero();
        JsonNode job = json(show.stdout());
        return JobState.of(job);
    }

    @Test
    void crawlFollowsTheJobToItsEndAndSummarizesExactCounts() {
        ClientRun crawl = run("crawl", site.siteUrl().toString(), "--kb", "docs");

        assertThat(crawl.exit()).as(crawl.describe()).isZero();
        String jobId = jobId(crawl.stderr());
        JobState job = jobOf(jobId);
        assertThat(job.status()).isEqualTo("completed");
        assertThat(job.done()).isEqualTo(25);
        assertThat(job.failed()).isZero();
        assertThat(crawl.stdout().strip()).isEqualTo(JobSummary.render(job, Objects.requireNonNull(job.finishedAt())));
        assertThat(crawl.stdout()).contains(": 25 done, 0 failed, ");
        assertThat(crawl.stderr())
                .contains("Created project \"default\"")
                .contains("Created knowledgebase \"docs\"")
                .contains(jobId + "  [")
                .contains("completed");
        assertThat(crawl.stdout() + crawl.stderr()).doesNotContain("\r").doesNotContain("\u001b");
        // The server has the events stream: the client follows it rather than polling.
        assertThat(crawl.stderr()).doesNotContain(FollowOptions.POLLING_NOTE);
    }

    @Test
    void aCompletedJobWithFailedPagesExitsOneAndNamesWhereToSeeThem() {
        site.page(
                "/hub",
                "<html><head><title>Hub</title></head><body><main><h1>Hub</h1><p>Links to pages that fail.</p>"
                        + "<a href=\"/missing\">missing</a> <a href=\"/error\">error</a>"
                        + " <a href=\"/site/\">site</a></main></body></html>");

        ClientRun crawl =
                run("crawl", site.url("/hub").toString(), "--kb", "docs", "--max-depth", "1", "--entire-domain");

        assertThat(crawl.exit()).as(crawl.describe()).isEqualTo(1);
        String jobId = jobId(crawl.stderr());
        assertThat(crawl.stdout())
                .contains("Job " + jobId + " completed in ")
                .contains(" 2 failed, ")
                .contains("failed pages: gleaner jobs pages " + jobId + " --outcome failed");

        ClientRun pages = run("jobs", "pages", jobId, "--outcome", "failed");
        assertThat(pages.exit()).as(pages.describe()).isZero();
        assertThat(pages.stdout())
                .contains(site.url("/missing").toString())
                .contains(site.url("/error").toString());
        assertThat(pages.stdout().lines().count()).isEqualTo(3);
    }

    @Test
    void importReportsTheInvalidUrlsAndImportsTheRest() throws Exception {
        Path file = data.resolve("urls.txt");
        Files.writeString(
                file,
                "# pages to import\n" + site.url(GeneratedSite.path(1)) + "\n\n" + site.url(GeneratedSite.path(2))
                        + "\n  " + site.url(GeneratedSite.path(3)) + "  \nnot a url\n");

        ClientRun imported = run("import", file.toString(), "--kb", "docs", "--project", "imports");

        assertThat(imported.exit()).as(imported.describe()).isEqualTo(1);
        assertThat(imported.stderr())
                .contains("Created project \"imports\"")
                .contains("1 of 4 URLs is invalid and was not imported:")
                .contains("  not a url");
        assertThat(imported.stdout()).contains(" completed in ").contains(": 3 done, 0 failed, ");
        assertThat(imported.stdout()).contains("invalid URLs (not imported): 1");
    }

    @Test
    void queryPrintsTheExpectedPageFirst() {
        assertThat(run("crawl", site.siteUrl().toString(), "--kb", "docs").exit())
                .isZero();
        String ownSentence = site.site().paragraphs(13).getLast();

        ClientRun query = run("query", ownSentence, "--kb", "docs", "--top-k", "3", "--threshold", "0");

        assertThat(query.exit()).as(query.describe()).isZero();
        List<String> lines = query.stdout().lines().toList();
        assertThat(lines.get(0)).startsWith("1. ").contains(site.site().title(13));
        assertThat(lines.get(1).strip())
                .isEqualTo(site.url(GeneratedSite.path(13)).toString());
        assertThat(query.stdout()).contains("2. ");

        ClientRun json = run("query", ownSentence, "--kb", "docs", "--top-k", "3", "--threshold", "0", "--json");
        assertThat(json(json.stdout()).get(0).path("sourceUrl").asText())
                .isEqualTo(site.url(GeneratedSite.path(13)).toString());
    }

    @Test
    void jobsListsTheJobsOfAKnowledgebaseAndOfEveryOne() {
        ClientRun crawl = run("crawl", site.siteUrl().toString(), "--kb", "docs");
        String jobId = jobId(crawl.stderr());

        ClientRun listed = run("jobs", "--kb", "docs");
        ClientRun everywhere = run("jobs");

        assertThat(listed.exit()).as(listed.describe()).isZero();
        assertThat(listed.stdout().lines().toList()).hasSize(2);
        assertThat(listed.stdout().lines().toList().get(0)).startsWith("JOB ");
        assertThat(listed.stdout().lines().toList().get(1))
                .startsWith(jobId)
                .contains("docs")
                .contains("completed")
                .contains(site.siteUrl().toString());
        assertThat(everywhere.stdout()).isEqualTo(listed.stdout());
        assertThat(json(run("jobs", "--kb", "docs", "--json").stdout())
                        .path("jobs")
                        .get(0)
                        .path("jobId")
                        .asText())
                .isEqualTo(jobId);
    }

    /** Serves {@code path} only once the returned latch is released (or after 30 s). */
    private CountDownLatch holdPage(String path) {
        CountDownLatch release = new CountDownLatch(1);
        site.route(path, exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "<html><head><title>Held</title></head><body><main><h1>Held</h1><p>Served when released.</p>"
                    .concat("</main></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        return release;
    }

    @Test
    void aJobCancelledWhileFollowedExitsThree() throws Exception {
        CountDownLatch release = holdPage("/held");
        try {
            ClientRun.Pending crawl =
                    ClientRun.start(List.of("crawl", site.url("/held").toString(), "--kb", "docs"), connection());
            CompletableFuture<ClientRun> following = CompletableFuture.supplyAsync(crawl::finish);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> crawl.err().toString().contains("  [--"));
            String jobId = jobId(crawl.err().toString());

            ClientRun cancel = run("jobs", "cancel", jobId);
            assertThat(cancel.exit()).as(cancel.describe()).isZero();
            assertThat(cancel.stdout()).startsWith("Job " + jobId + " cancelled in ");

            ClientRun followed = following.get(60, TimeUnit.SECONDS);
            assertThat(followed.exit()).as(followed.describe()).isEqualTo(3);
            assertThat(followed.stdout()).startsWith("Job " + jobId + " cancelled in ");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aDetachedCrawlPrintsItsJobIdAndJobsWatchFollowsItToTheEnd() throws Exception {
        CountDownLatch release = holdPage("/held");
        try {
            ClientRun detached = run("crawl", site.url("/held").toString(), "--kb", "docs", "--detach");
            assertThat(detached.exit()).as(detached.describe()).isZero();
            String jobId = detached.stdout().strip();
            assertThat(jobId).matches(JOB_ID);

            ClientRun.Pending watch = ClientRun.start(List.of("jobs", "--watch", "--kb", "docs"), connection());
            CompletableFuture<ClientRun> watching = CompletableFuture.supplyAsync(watch::finish);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> watch.err().toString().contains(jobId + "  ["));
            assertThat(watching).isNotDone();
            release.countDown();

            ClientRun watched = watching.get(60, TimeUnit.SECONDS);
            assertThat(watched.exit()).as(watched.describe()).isZero();
            assertThat(watched.stdout())
                    .startsWith("Job " + jobId + " completed in ")
                    .contains(": 1 done, 0 failed, ");
        } finally {
            release.countDown();
        }
    }

    @Test
    void onATerminalTheProgressBarRedrawsInPlace() {
        ClientRun crawl = run("crawl", site.siteUrl().toString(), "--kb", "docs", "--progress", "bar");

        assertThat(crawl.exit()).as(crawl.describe()).isZero();
        assertThat(crawl.stderr()).contains("\r\u001b[2K[").contains("] 25/25  failed 0  completed");
    }
}
