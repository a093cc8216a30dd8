package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.MutableSite;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A dataset its source's sync marked removed (kept for {@code --removal-grace-seconds}, answering no query) stands out
 * in the datasets card: a "Removed" state that says it is left out of search results and deleted when the grace ends,
 * never "Searchable".
 */
@Timeout(120)
class WebUiRemovedDatasetIT {
    private static final Duration JOB = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofHours(1);
    private static final String SOURCE = "src_ui_grace";

    @TempDir
    Path data;

    @RegisterExtension
    final UiSession ui =
            UiSession.on(() -> TestApp.start(data, config -> config.withCrawl(crawl -> crawl.withRemovalGrace(GRACE))));

    private TestSite site;
    private MutableSite pages;

    @BeforeEach
    void start() {
        site = TestSite.start();
        pages = MutableSite.on(site)
                .put("tides", "High tide comes twice a day at the north pier.")
                .put("moorings", "Mooring lines are inspected every month.");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void aDatasetMarkedRemovedIsShownRemovedAndNotSearchable() {
        Kb kb = ui.createKnowledgebase("Harbour", "Handbook");
        String first = ui.app().startSync(kb, spec(), SOURCE);
        ui.page().awaitOnlyBannerFinished(JOB);
        ui.page().awaitDatasets(2, JOB);
        assertThat(ui.page().datasetRows())
                .extracting(row -> row.getAttribute("data-removed"))
                .containsOnly("false");
        pages.remove("moorings", 404);

        String second = ui.app().startSync(kb, spec(), SOURCE);
        assertThat(ui.page().awaitNewBannerFinished(List.of(first), JOB)).isEqualTo(second);
        ui.page().visible(By.id("datasets-refresh")).click();
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> "true"
                .equals(row("moorings").getAttribute("data-removed")));

        WebElement moorings = row("moorings");
        assertThat(state(moorings)).startsWith("Removed").doesNotContain("Searchable");
        assertThat(moorings.findElement(By.cssSelector(".removed-note")).getText())
                .startsWith("Marked removed ")
                .contains("no longer found the page")
                .contains("Left out of search results")
                .contains("deleted when the removal grace period ends");
        WebElement tides = row("tides");
        assertThat(tides.getAttribute("data-removed")).isEqualTo("false");
        assertThat(state(tides)).isEqualTo("Searchable");
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "datasets-removed");
    }

    private WebElement row(String page) {
        return ui.page().datasetRows().stream()
                .filter(row ->
                        row.findElement(By.cssSelector("td.doc")).getText().contains("/" + page))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No dataset row for " + page));
    }

    private static String state(WebElement row) {
        return row.findElement(By.cssSelector("td[data-label='State']")).getText();
    }

    private CrawlSpec spec() {
        return new CrawlSpec(
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
    }
}
