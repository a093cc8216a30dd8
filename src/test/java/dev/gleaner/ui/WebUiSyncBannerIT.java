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
 * The banner of a sync in the web UI: its change report in one line once it finished, and its removed pages in the
 * details, named for people.
 */
@Timeout(120)
class WebUiSyncBannerIT {
    private static final Duration JOB = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @RegisterExtension
    final UiSession ui = UiSession.on(() -> TestApp.start(data));

    private TestSite site;
    private MutableSite pages;

    @BeforeEach
    void start() {
        site = TestSite.start();
        pages = MutableSite.on(site)
                .put("tides", "High tide comes twice a day at the north pier.")
                .put("ferries", "The ferry leaves at six in the morning.")
                .put("moorings", "Mooring lines are inspected every month.")
                .put("lighthouse", "The lighthouse keeper lives on the island.");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void aFinishedSyncsBannerShowsItsChangeCountsAndItsRemovedPages() {
        Kb kb = ui.createKnowledgebase("Harbour", "Handbook");
        String first = ui.app().startSync(kb, spec(), "src_ui");
        ui.page().awaitOnlyBannerFinished(JOB);
        pages.edit("ferries", "The ferry now leaves at seven.")
                .remove("moorings", 404)
                .unlink("lighthouse")
                .put("fishing", "Fishing permits are sold at the harbour office.");

        String second = ui.app().startSync(kb, spec(), "src_ui");
        assertThat(ui.page().awaitNewBannerFinished(List.of(first), JOB)).isEqualTo(second);

        WebElement banner = ui.page().bannerElement(second);
        WebElement changes = banner.findElement(By.cssSelector(".job-changes"));
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> changes.isDisplayed());
        assertThat(changes.getText()).isEqualTo("1 new · 1 updated · 1 unchanged · 2 removed · 1 failed");
        assertThat(ui.page()
                        .bannerElement(first)
                        .findElement(By.cssSelector(".job-changes"))
                        .getText())
                .isEqualTo("4 new · 0 updated · 0 unchanged · 0 removed · 0 failed");
        List<WebElement> removed = ui.page().drillDown(second, "removed", 2);
        assertThat(removed)
                .extracting(row -> row.findElement(By.cssSelector(".outcome")).getText())
                .containsOnly("Removed");
        assertThat(removed).extracting(WebElement::getText).allSatisfy(text -> assertThat(text)
                .contains("complete sync of its source"));
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
