package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web UI in a real headless Chromium against the real application and a loopback site: a person pastes a key,
 * creates a project and a knowledgebase, imports, watches the job's banner and searches. Screenshots of the key
 * screens land in {@code target/screenshots}.
 */
class WebUiIT {
    private static final Duration JOB = Duration.ofSeconds(90);
    private static final int PAGES = 12;

    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private TestApi api;
    private HeadlessChromium browser;
    private GleanerPage page;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.withGeneratedSite(PAGES);
        api = app.newOwner();
        browser = HeadlessChromium.start(1280, 900);
        page = new GleanerPage(browser.driver(), "http://127.0.0.1:" + app.port());
    }

    @AfterEach
    void stop() {
        try {
            browser.close();
        } finally {
            app.close();
            site.close();
        }
    }

    @Test
    void crawlShowsExactProgressSurvivesReloadAndFindsThePages() {
        page.open();
        browser.screenshot("01-key");
        page.pasteKey(Objects.requireNonNull(api.key()));
        page.createProject("Documentation");
        page.createKnowledgebase("Field notes");
        Kb kb = selectedKb();

        page.startCrawl(site.siteUrl().toString(), 100, 10);
        String jobId = page.awaitOnlyBannerFinished(JOB);

        JsonNode job = onlyJob(kb);
        assertThat(job.path("jobId").asText()).isEqualTo(jobId);
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("total").asLong()).isEqualTo(PAGES);
        assertBannerShows(jobId, job);
        assertThat(page.feedState())
                .as("progress followed on the job events stream")
                .isEqualTo("live");
        assertThat(page.buttonShown(jobId, "cancel"))
                .as("cancel on a finished job")
                .isFalse();
        assertThat(page.buttonShown(jobId, "retry"))
                .as("retry with no failed page")
                .isFalse();
        page.awaitDatasets(PAGES, JOB);
        browser.screenshot("02-crawl-completed");

        browser.driver().navigate().refresh();
        page.bannerElement(jobId);
        page.waitUpTo(GleanerPage.UI_STEP).until(d -> page.datasetRows().size() == PAGES);
        assertThat(page.banners()).as("one banner per job after a reload").hasSize(1);
        assertBannerShows(jobId, job);
        assertThat(page.selectedText("kb-select")).isEqualTo("Field notes");

        List<WebElement> ingested = page.drillDown(jobId, "ingested", PAGES);
        assertThat(ingested)
                .extracting(row -> row.findElement(By.cssSelector("a")).getAttribute("href"))
                .contains(site.siteUrl().toString());

        String ownSentence = site.site().paragraphs(5).getLast();
        List<WebElement> results = page.search(ownSentence, 3, 0.0);
        WebElement first = results.getFirst();
        String expectedSource = site.url(GeneratedSite.path(5)).toString();
        assertThat(first.findElement(By.cssSelector("a.source")).getAttribute("href"))
                .isEqualTo(expectedSource);
        assertThat(first.findElement(By.cssSelector(".result-title")).getText()).isNotBlank();
        assertThat(first.findElement(By.cssSelector(".result-text")).getText()).contains(ownSentence.substring(0, 40));
        assertThat(Double.parseDouble(
                        first.findElement(By.cssSelector(".score")).getText()))
                .isBetween(0.0, 1.0);
        browser.screenshot("03-search");

        browser.viewport(390, 844);
        Number overflow = (Number) Objects.requireNonNull(page.js()
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"));
        assertThat(overflow.intValue())
                .as("horizontal overflow at a phone's width")
                .isLessThanOrEqualTo(0);
        page.js().executeScript("window.scrollTo(0, 0);");
        browser.viewportScreenshot("04-phone-top");
        page.js().executeScript("document.getElementById('jobs-title').scrollIntoView();");
        browser.viewportScreenshot("04-phone-jobs");
        page.js().executeScript("document.getElementById('search-title').scrollIntoView();");
        browser.viewportScreenshot("04-phone-search");
    }

    @Test
    void batchImportListsInvalidLinesAndFailedUrlsAndAnUploadBecomesSearchable() throws Exception {
        page.open();
        page.pasteKey(Objects.requireNonNull(api.key()));
        page.createProject("Imports");
        page.createKnowledgebase("Mixed");
        Kb kb = selectedKb();

        String missing = site.url("/missing").toString();
        page.startBatch(List.of(
                site.url(GeneratedSite.path(1)).toString(),
                "not a url",
                site.url(GeneratedSite.path(2)).toString(),
                missing));
        WebElement invalid = page.visible(By.id("invalid-urls"));
        assertThat(invalid.getText()).contains("not a url");
        String jobId = page.awaitOnlyBannerFinished(JOB);

        JsonNode job = onlyJob(kb);
        assertThat(job.path("total").asLong()).isEqualTo(3);
        assertThat(job.path("failed").asLong()).isEqualTo(1);
        assertBannerShows(jobId, job);
        assertThat(page.buttonShown(jobId, "retry"))
                .as("retry with a failed page")
                .isTrue();

        List<WebElement> failed = page.drillDown(jobId, "failed", 1);
        assertThat(failed.getFirst().getText()).contains(missing).contains("404");
        assertThat(failed.getFirst().findElement(By.cssSelector(".reason")).getText())
                .isNotBlank();
        browser.screenshot("05-batch-drill-down");

        page.bannerElement(jobId).findElement(By.cssSelector(".action-retry")).click();
        page.waitUpTo(JOB)
                .until(d -> kb.job(jobId)
                                .path("finishedAt")
                                .asText()
                                .compareTo(job.path("finishedAt").asText())
                        > 0);
        JsonNode retried = kb.job(jobId);
        page.waitUpTo(GleanerPage.UI_STEP)
                .until(d -> page.banner(jobId)
                                .status()
                                .equals(retried.path("status").asText())
                        && page.banner(jobId)
                                .failed()
                                .equals(retried.path("failed").asText()));
        assertBannerShows(jobId, retried);

        Path notes = data.resolve("harbour-notes.md");
        Files.writeString(
                notes,
                "# Harbour log\n\nThe quay cranes of Tromsø were repainted in **vermilion** during the `winter overhaul`."
                        + " See the [port notes](https://port.example/notes) or [this](javascript:alert(1)).\n\n"
                        + "- first crane: *Ada*\n- second crane: <script>window.injected = 1</script>\n",
                StandardCharsets.UTF_8);
        page.upload(notes);
        page.waitUpTo(JOB).until(d -> page.datasetRows().stream()
                .anyMatch(r ->
                        r.getText().contains("harbour-notes.md") || r.getText().contains("Harbour log")));
        page.awaitDatasets(3, JOB);
        List<WebElement> results = page.search("quay cranes repainted vermilion", 3, 0.0);
        WebElement excerpt = results.getFirst().findElement(By.cssSelector(".result-text"));
        assertThat(excerpt.getText())
                .contains("The quay cranes of Tromsø were repainted in vermilion")
                .doesNotContain("**")
                .contains("<script>window.injected = 1</script>");
        // The chunk's Markdown is rendered as elements of a safe subset, never as HTML.
        assertThat(excerpt.findElement(By.cssSelector("strong")).getText()).isEqualTo("vermilion");
        assertThat(excerpt.findElement(By.cssSelector("code")).getText()).isEqualTo("winter overhaul");
        assertThat(excerpt.findElements(By.cssSelector("a")))
                .extracting(a -> a.getAttribute("href"))
                .containsExactly("https://port.example/notes");
        assertThat(excerpt.findElements(By.cssSelector("ul > li"))).hasSize(2);
        assertThat(excerpt.findElement(By.cssSelector("li em")).getText()).isEqualTo("Ada");
        assertThat(excerpt.findElements(By.cssSelector("script"))).isEmpty();
        assertThat(page.js().executeScript("return window.injected === undefined;"))
                .isEqualTo(true);
        browser.screenshot("06-upload-search");
    }

    @Test
    void aFailedJobShowsWhyAndARunningOneCanBeCancelled() {
        page.open();
        page.pasteKey(Objects.requireNonNull(api.key()));
        page.createProject("Trouble");
        page.createKnowledgebase("Broken links");
        Kb kb = selectedKb();

        page.startCrawl(site.url("/missing").toString(), 10, 2);
        String failedId = page.awaitOnlyBannerFinished(JOB);
        JsonNode failed = kb.job(failedId);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertBannerShows(failedId, failed);
        WebElement why = page.bannerElement(failedId).findElement(By.cssSelector(".job-error"));
        assertThat(why.isDisplayed()).isTrue();
        assertThat(why.getText()).contains(failed.path("error").asText());

        page.startCrawl(site.url("/slow").toString(), 10, 2);
        String runningId = page.awaitValue(GleanerPage.UI_STEP, d -> page.banners().stream()
                .filter(b -> "running".equals(b.getAttribute("data-status"))
                        || "queued".equals(b.getAttribute("data-status")))
                .map(b -> b.getAttribute("data-job-id"))
                .findFirst()
                .orElse(null));
        assertThat(page.buttonShown(runningId, "retry")).isFalse();
        page.bannerElement(runningId)
                .findElement(By.cssSelector(".action-cancel"))
                .click();
        page.waitUpTo(GleanerPage.UI_STEP)
                .until(d -> "cancelled".equals(page.bannerElement(runningId).getAttribute("data-status")));
        assertThat(page.buttonShown(runningId, "cancel")).isFalse();
        assertBannerShows(runningId, kb.job(runningId));
        assertThat(page.banners()).hasSize(2);
        browser.screenshot("07-failed-and-cancelled");
    }

    @Test
    void progressFollowsTheJobsListingWhenTheEventsStreamCannotBeOpened() {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/crawl/events*")));
        page.open();
        page.pasteKey(Objects.requireNonNull(api.key()));
        page.createProject("Offline stream");
        page.createKnowledgebase("Polled");
        Kb kb = selectedKb();

        page.startCrawl(site.siteUrl().toString(), 100, 10);
        String jobId = page.awaitOnlyBannerFinished(JOB);

        assertThat(page.feedState()).isEqualTo("polling");
        assertBannerShows(jobId, onlyJob(kb));
        assertThat(onlyJob(kb).path("total").asLong()).isEqualTo(PAGES);
    }

    @Test
    void forgettingTheKeyAsksForOneAgainAndAWrongKeyShowsTheServersMessage() {
        page.open();
        page.pasteKey(Objects.requireNonNull(api.key()));
        page.visible(By.id("forget-key")).click();
        page.visible(By.id("key-input")).sendKeys("dk_not_a_real_key");
        browser.driver()
                .findElement(By.cssSelector("#key-form button[type=submit]"))
                .click();
        WebElement error = page.visible(By.id("key-error"));
        assertThat(error.getText()).contains("A valid developer key is required");
        Object stored = page.js().executeScript("return localStorage.getItem('gleaner.key');");
        assertThat(stored).isNull();
    }

    private Kb selectedKb() {
        Map<String, String> selection = page.hashSelection();
        assertThat(selection).containsKeys("project", "kb");
        return new Kb(
                api, Objects.requireNonNull(selection.get("project")), Objects.requireNonNull(selection.get("kb")));
    }

    private static JsonNode onlyJob(Kb kb) {
        JsonNode jobs = kb.jobs();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    private void assertBannerShows(String jobId, JsonNode job) {
        GleanerPage.Banner banner = page.banner(jobId);
        assertThat(banner.status()).isEqualTo(job.path("status").asText());
        assertThat(banner.done())
                .isEqualTo(job.path("done").asLong() + " / " + job.path("total").asLong());
        assertThat(banner.failed()).isEqualTo(String.valueOf(job.path("failed").asLong()));
        assertThat(banner.elapsed()).matches("\\d+\\.\\ds|\\d+s|\\d+m \\d\\ds");
        assertThat(banner.rate()).matches("\\d+\\.\\d pages/s|–");
    }
}
