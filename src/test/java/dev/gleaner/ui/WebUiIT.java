package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
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
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    final UiSession ui = UiSession.on(() -> TestApp.start(data), 1280, 900);

    private TestSite site;

    @BeforeEach
    void start() {
        site = TestSite.withGeneratedSite(PAGES);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void crawlShowsExactProgressSurvivesReloadAndFindsThePages() {
        ui.page().open();
        ui.browser().screenshot("01-key");
        ui.page().pasteKey(Objects.requireNonNull(ui.api().key()));
        ui.page().createProject("Documentation");
        ui.page().createKnowledgebase("Field notes");
        Kb kb = ui.selectedKb();

        ui.page().startCrawl(site.siteUrl().toString(), 100, 10);
        String jobId = ui.page().awaitOnlyBannerFinished(JOB);

        JsonNode job = onlyJob(kb);
        assertThat(job.path("jobId").asText()).isEqualTo(jobId);
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("total").asLong()).isEqualTo(PAGES);
        assertBannerShows(jobId, job);
        assertThat(ui.page().feedState())
                .as("progress followed on the job events stream")
                .isEqualTo("live");
        assertThat(ui.page().buttonShown(jobId, "cancel"))
                .as("cancel on a finished job")
                .isFalse();
        assertThat(ui.page().buttonShown(jobId, "retry"))
                .as("retry with no failed page")
                .isFalse();
        ui.page().awaitDatasets(PAGES, JOB);
        ui.browser().screenshot("02-crawl-completed");

        ui.browser().driver().navigate().refresh();
        ui.page().bannerElement(jobId);
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().datasetRows().size() == PAGES);
        assertThat(ui.page().banners()).as("one banner per job after a reload").hasSize(1);
        assertBannerShows(jobId, job);
        assertThat(ui.page().selectedText("kb-select")).isEqualTo("Field notes");

        List<WebElement> ingested = ui.page().drillDown(jobId, "ingested", PAGES);
        assertThat(ingested)
                .extracting(row -> row.findElement(By.cssSelector("a")).getAttribute("href"))
                .contains(site.siteUrl().toString());

        String ownSentence = site.site().paragraphs(5).getLast();
        List<WebElement> results = ui.page().search(ownSentence, 3, 0.0);
        WebElement first = results.getFirst();
        String expectedSource = site.url(GeneratedSite.path(5)).toString();
        assertThat(first.findElement(By.cssSelector("a.source")).getAttribute("href"))
                .isEqualTo(expectedSource);
        assertThat(first.findElement(By.cssSelector(".result-title")).getText()).isNotBlank();
        assertThat(first.findElement(By.cssSelector(".result-text")).getText()).contains(ownSentence.substring(0, 40));
        assertThat(Double.parseDouble(
                        first.findElement(By.cssSelector(".score")).getText()))
                .isBetween(0.0, 1.0);
        ui.browser().screenshot("03-search");

        ui.browser().viewport(390, 844);
        Number overflow = (Number) Objects.requireNonNull(ui.page()
                .js()
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"));
        assertThat(overflow.intValue())
                .as("horizontal overflow at a phone's width")
                .isLessThanOrEqualTo(0);
        ui.page().js().executeScript("window.scrollTo(0, 0);");
        ui.browser().viewportScreenshot("04-phone-top");
        ui.page().js().executeScript("document.getElementById('jobs-title').scrollIntoView();");
        ui.browser().viewportScreenshot("04-phone-jobs");
        ui.page().js().executeScript("document.getElementById('search-title').scrollIntoView();");
        ui.browser().viewportScreenshot("04-phone-search");
    }

    @Test
    void batchImportListsInvalidLinesAndFailedUrlsAndAnUploadBecomesSearchable() throws Exception {
        Kb kb = ui.createKnowledgebase("Imports", "Mixed");

        String missing = site.url("/missing").toString();
        ui.page()
                .startBatch(List.of(
                        site.url(GeneratedSite.path(1)).toString(),
                        "not a url",
                        site.url(GeneratedSite.path(2)).toString(),
                        missing));
        WebElement invalid = ui.page().visible(By.id("invalid-urls"));
        assertThat(invalid.getText()).contains("not a url");
        String jobId = ui.page().awaitOnlyBannerFinished(JOB);

        JsonNode job = onlyJob(kb);
        assertThat(job.path("total").asLong()).isEqualTo(3);
        assertThat(job.path("failed").asLong()).isEqualTo(1);
        assertBannerShows(jobId, job);
        assertThat(ui.page().buttonShown(jobId, "retry"))
                .as("retry with a failed page")
                .isTrue();

        List<WebElement> failed = ui.page().drillDown(jobId, "failed", 1);
        assertThat(failed.getFirst().getText()).contains(missing).contains("404");
        assertThat(failed.getFirst().findElement(By.cssSelector(".reason")).getText())
                .isNotBlank();
        ui.browser().screenshot("05-batch-drill-down");

        ui.page()
                .bannerElement(jobId)
                .findElement(By.cssSelector(".action-retry"))
                .click();
        ui.page()
                .waitUpTo(JOB)
                .until(d -> kb.job(jobId)
                                .path("finishedAt")
                                .asText()
                                .compareTo(job.path("finishedAt").asText())
                        > 0);
        JsonNode retried = kb.job(jobId);
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page()
                                .banner(jobId)
                                .status()
                                .equals(retried.path("status").asText())
                        && ui.page()
                                .banner(jobId)
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
        ui.page().upload(notes);
        ui.page().waitUpTo(JOB).until(d -> ui.page().datasetRows().stream()
                .anyMatch(r ->
                        r.getText().contains("harbour-notes.md") || r.getText().contains("Harbour log")));
        ui.page().awaitDatasets(3, JOB);
        List<WebElement> results = ui.page().search("quay cranes repainted vermilion", 3, 0.0);
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
        assertThat(ui.page().js().executeScript("return window.injected === undefined;"))
                .isEqualTo(true);
        ui.browser().screenshot("06-upload-search");
    }

    @Test
    void aFailedJobShowsWhyAndARunningOneCanBeCancelled() {
        Kb kb = ui.createKnowledgebase("Trouble", "Broken links");

        ui.page().startCrawl(site.url("/missing").toString(), 10, 2);
        String failedId = ui.page().awaitOnlyBannerFinished(JOB);
        JsonNode failed = kb.job(failedId);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertBannerShows(failedId, failed);
        WebElement why = ui.page().bannerElement(failedId).findElement(By.cssSelector(".job-error"));
        assertThat(why.isDisplayed()).isTrue();
        assertThat(why.getText()).contains(failed.path("error").asText());

        ui.page().startCrawl(site.url("/slow").toString(), 10, 2);
        String runningId = ui.page().awaitValue(GleanerPage.UI_STEP, d -> ui.page().banners().stream()
                .filter(b -> "running".equals(b.getAttribute("data-status"))
                        || "queued".equals(b.getAttribute("data-status")))
                .map(b -> b.getAttribute("data-job-id"))
                .findFirst()
                .orElse(null));
        assertThat(ui.page().buttonShown(runningId, "retry")).isFalse();
        ui.page()
                .bannerElement(runningId)
                .findElement(By.cssSelector(".action-cancel"))
                .click();
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> "cancelled"
                .equals(ui.page().bannerElement(runningId).getAttribute("data-status")));
        assertThat(ui.page().buttonShown(runningId, "cancel")).isFalse();
        assertBannerShows(runningId, kb.job(runningId));
        assertThat(ui.page().banners()).hasSize(2);
        ui.browser().screenshot("07-failed-and-cancelled");
    }

    @Test
    void progressFollowsTheJobsListingWhenTheEventsStreamCannotBeOpened() {
        ui.browser().driver().executeCdpCommand("Network.enable", Map.of());
        ui.browser().driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/crawl/events*")));
        Kb kb = ui.createKnowledgebase("Offline stream", "Polled");

        ui.page().startCrawl(site.siteUrl().toString(), 100, 10);
        String jobId = ui.page().awaitOnlyBannerFinished(JOB);

        assertThat(ui.page().feedState()).isEqualTo("polling");
        assertBannerShows(jobId, onlyJob(kb));
        assertThat(onlyJob(kb).path("total").asLong()).isEqualTo(PAGES);
    }

    @Test
    void forgettingTheKeyAsksForOneAgainAndAWrongKeyShowsTheServersMessage() {
        ui.signIn();
        ui.page().visible(By.id("forget-key")).click();
        ui.page().visible(By.id("key-input")).sendKeys("dk_not_a_real_key");
        ui.browser()
                .driver()
                .findElement(By.cssSelector("#key-form button[type=submit]"))
                .click();
        WebElement error = ui.page().visible(By.id("key-error"));
        assertThat(error.getText()).contains("A valid developer key is required");
        Object stored = ui.page().js().executeScript("return localStorage.getItem('gleaner.key');");
        assertThat(stored).isNull();
    }

    private static JsonNode onlyJob(Kb kb) {
        JsonNode jobs = kb.jobs();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    private void assertBannerShows(String jobId, JsonNode job) {
        GleanerPage.Banner banner = ui.page().banner(jobId);
        assertThat(banner.status()).isEqualTo(job.path("status").asText());
        assertThat(banner.done())
                .isEqualTo(job.path("done").asLong() + " / " + job.path("total").asLong());
        assertThat(banner.failed()).isEqualTo(String.valueOf(job.path("failed").asLong()));
        assertThat(banner.elapsed()).matches("\\d+\\.\\ds|\\d+s|\\d+m \\d\\ds");
        assertThat(banner.rate()).matches("\\d+\\.\\d pages/s|–");
    }
}
