package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.jobs.JobService;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A job's banner and drill-down in plain words, in a real headless Chromium: a crawl of a hub page that links to three
 * other sites and to more pages than the job's limit shows its skipped URLs split by reason ("3 links to other
 * sites", "4 over the page limit") with a note that this is normal; the outcome menu offers every outcome the API
 * can report, by a plain name; and no row of the drill-down has an empty reason.
 */
class WebUiJobWordsIT {
    private static final Duration JOB = Duration.ofSeconds(90);
    private static final int LINKED_PAGES = 6;
    private static final int LIMIT = 3;
    private static final List<String> OTHER_SITES =
            List.of("http://127.0.0.2:9/elsewhere", "http://127.0.0.2:9/other", "http://127.0.0.2:9/third");

    @TempDir
    Path data;

    @RegisterExtension
    final UiSession ui = UiSession.on(() -> TestApp.start(data));

    private TestSite site;

    @BeforeEach
    void start() {
        site = TestSite.start();
        StringBuilder hub = new StringBuilder("<!doctype html><html><head><title>Hub</title></head><body><main>"
                + "<h1>Harbour hub</h1><p>The harbour master keeps a log of every ship that enters the port.</p><ul>");
        for (int i = 1; i <= LINKED_PAGES; i++) {
            hub.append("<li><a href=\"/hub/p")
                    .append(i)
                    .append("\">Pier ")
                    .append(i)
                    .append("</a></li>");
            site.page("/hub/p" + i, article("Pier " + i));
        }
        OTHER_SITES.forEach(url -> hub.append("<li><a href=\"").append(url).append("\">Elsewhere</a></li>"));
        site.page("/hub/", hub.append("</ul></main></body></html>").toString());
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void skippedUrlsAreCountedByReasonInPlainWordsAndEveryRowSaysWhy() {
        Kb kb = ui.createKnowledgebase("Harbour", "Piers");
        new Select(ui.page().visible(By.id("crawl-sitemap"))).selectByValue("skip");

        ui.page().startCrawl(site.url("/hub/").toString(), LIMIT, 2);
        String jobId = ui.page().awaitOnlyBannerFinished(JOB);

        JsonNode job = kb.job(jobId);
        JsonNode skipped = job.path("skipped");
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(skipped.path("outOfScope").asLong()).isEqualTo(OTHER_SITES.size());
        assertThat(skipped.path("overLimit").asLong()).isEqualTo(LINKED_PAGES - (LIMIT - 1));
        WebElement banner = ui.page().bannerElement(jobId);
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> !banner.findElements(By.cssSelector(".skipped-list li"))
                .isEmpty());
        assertThat(banner.findElement(By.cssSelector(".stat-skipped")).getText())
                .isEqualTo(String.valueOf(total(skipped)));
        assertThat(banner.findElement(By.cssSelector(".skipped-list li[data-reason='outOfScope']"))
                        .getText())
                .isEqualTo("3 links to other sites");
        assertThat(banner.findElement(By.cssSelector(".skipped-list li[data-reason='overLimit']"))
                        .getText())
                .isEqualTo("4 over the page limit");
        assertThat(banner.findElement(By.cssSelector(".skipped-note")).getText())
                .contains("That is normal");
        assertThat(banner.getText()).doesNotContain("limit reached").doesNotContain("outOfScope");

        banner.findElement(By.cssSelector(".action-details")).click();
        Select menu = new Select(banner.findElement(By.cssSelector(".drill-outcome")));
        List<String> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (WebElement option : menu.getOptions()) {
            values.add(Objects.requireNonNull(option.getAttribute("value")));
            labels.add(option.getText());
        }
        List<String> expected = new ArrayList<>(JobService.PAGE_OUTCOMES);
        expected.add("");
        assertThat(values).containsExactlyInAnyOrderElementsOf(expected).contains("updated");
        IntStream.range(0, values.size()).forEach(i -> assertThat(labels.get(i))
                .as("label of %s", values.get(i))
                .isNotBlank()
                .isNotEqualTo(values.get(i))
                .doesNotMatch(".*[a-z][A-Z].*"));

        List<WebElement> outside = ui.page().drillDown(jobId, "outOfScope", OTHER_SITES.size());
        assertThat(outside)
                .extracting(row -> row.findElement(By.cssSelector(".outcome")).getText())
                .containsOnly("Link to another site");
        assertRowsSayWhy(outside);
        List<WebElement> over = ui.page().drillDown(jobId, "overLimit", LINKED_PAGES - (LIMIT - 1));
        assertThat(over)
                .extracting(row -> row.findElement(By.cssSelector(".outcome")).getText())
                .containsOnly("Over the page limit");
        assertRowsSayWhy(over);
        List<WebElement> added = ui.page().drillDown(jobId, "ingested", LIMIT);
        assertThat(added)
                .extracting(row -> row.findElement(By.cssSelector(".outcome")).getText())
                .containsOnly("Added");
        assertRowsSayWhy(added);
        new Select(banner.findElement(By.cssSelector(".drill-outcome"))).selectByValue("");
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> banner.findElements(By.cssSelector(".drill-table tbody tr"))
                                .size()
                        == LIMIT + total(skipped));
        assertRowsSayWhy(banner.findElements(By.cssSelector(".drill-table tbody tr")));

        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "job-words-drill-down");
    }

    private static void assertRowsSayWhy(List<WebElement> rows) {
        assertThat(rows)
                .extracting(row -> row.findElement(By.cssSelector(".reason")).getText())
                .allSatisfy(reason -> assertThat(reason).isNotBlank());
    }

    private static long total(JsonNode skipped) {
        long sum = 0;
        for (JsonNode count : skipped) {
            sum += count.asLong();
        }
        return sum;
    }

    private static String article(String title) {
        return "<!doctype html><html><head><title>" + title + "</title></head><body><main><h1>" + title + "</h1><p>"
                + title + " is where the ferries tie up in winter, when the northern quay is closed for repairs.</p>"
                + "</main></body></html>";
    }
}
