package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Sources card in a real headless Chromium against the real application: a source shows what it syncs, its
 * schedule and next run; "Sync now" starts a job whose banner shows in the Jobs card, and the source's last result
 * (status and change counts) follows it.
 */
class WebUiSourcesIT {
    private static final Duration JOB = Duration.ofSeconds(90);

    @TempDir
    Path data;

    @RegisterExtension
    final UiSession ui = UiSession.on(() -> TestApp.start(data));

    private TestSite site;
    private Kb kb;

    @BeforeEach
    void start() {
        site = TestSite.withGeneratedSite(3);
        kb = ui.createKnowledgebase("Field notes", "Articles");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void aSourceShowsItsScheduleAndSyncsNowWithItsResultShown() {
        assertThat(ui.page().visible(By.id("sources-empty")).getText()).contains("No source yet.");
        List<String> pages =
                site.sitePages().stream().map(URI::toString).limit(2).toList();
        TestApi.Response created = ui.api()
                .post(
                        kb.path() + "/sources",
                        Map.of(
                                "name",
                                "Two pages",
                                "request",
                                Map.of("urls", pages),
                                "schedule",
                                Map.of("every", "PT6H")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().path("id").asText();

        ui.browser().driver().findElement(By.id("sources-refresh")).click();
        WebElement source = ui.page().visible(By.cssSelector("[data-source-id='" + id + "']"));
        assertThat(source.getText())
                .contains("Two pages")
                .contains("List of 2 URLs")
                .contains("Every 6 h · next run")
                .contains("Not synced yet");
        assertThat(ui.browser().driver().findElement(By.id("sources-empty")).isDisplayed())
                .isFalse();

        source.findElement(By.tagName("button")).click();
        String jobId = ui.page().awaitOnlyBannerFinished(JOB);
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> lastResult(id).startsWith("Last sync completed"));
        assertThat(lastResult(id)).endsWith(": 2 new, 0 updated, 0 unchanged, 0 removed");
        assertThat(ui.api()
                        .get(kb.path() + "/sources/" + id)
                        .json()
                        .path("lastJob")
                        .path("jobId")
                        .asText())
                .isEqualTo(jobId);
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "sources-01-synced");
    }

    private String lastResult(String id) {
        return ui.browser()
                .driver()
                .findElement(By.cssSelector("[data-source-id='" + id + "'] .source-last"))
                .getText();
    }
}
