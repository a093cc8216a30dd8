package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.TestApp;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A new owner's first steps in a real headless Chromium: with no project, no knowledgebase, nothing imported and
 * nothing found, the page says what to do next; each of those screens is laid out without overflow or overlap at a
 * desktop's and a phone's width.
 */
class WebUiGuidanceIT {
    @TempDir
    Path data;

    @RegisterExtension
    final UiSession ui = UiSession.on(() -> TestApp.start(data));

    @Test
    void everyEmptyStepSaysWhatToDoNext() {
        ui.page().open();
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "guidance-01-key");
        ui.page().pasteKey(Objects.requireNonNull(ui.api().key()));

        assertThat(ui.page().visible(By.id("scope-guide")).getText())
                .contains("No project yet")
                .contains("Create project");
        assertThat(ui.browser().driver().findElement(By.id("kb-area")).isDisplayed())
                .isFalse();
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "guidance-02-no-project");

        ui.page().createProject("Handbook");
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().visible(By.id("scope-guide")).getText().contains("no knowledgebase yet"));
        assertThat(ui.page().visible(By.id("scope-guide")).getText()).contains("Create knowledgebase");
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "guidance-03-no-knowledgebase");

        ui.page().createKnowledgebase("Policies");
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d ->
                        !ui.browser().driver().findElement(By.id("scope-guide")).isDisplayed());
        assertThat(ui.page().visible(By.id("jobs-empty")).getText())
                .contains("No import yet")
                .contains("a site to crawl");
        assertThat(ui.page().visible(By.id("datasets-empty")).getText())
                .contains("Nothing imported yet")
                .contains("upload a file");
        assertThat(ui.browser().driver().findElement(By.id("datasets-search")).isDisplayed())
                .as("no search over nothing")
                .isFalse();

        ui.page().replace(By.id("search-q"), "opening hours");
        ui.browser()
                .driver()
                .findElement(By.cssSelector("#search-form button[type=submit]"))
                .click();
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().visible(By.id("search-status")).getText().contains("Nothing to search yet"));
        assertThat(ui.page().visible(By.id("search-status")).getText()).contains("import a site or upload a file");
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "guidance-04-empty-knowledgebase");
        for (String mode : new String[] {"sitemap", "batch", "upload", "crawl"}) {
            ui.page().tab(mode);
            assertThat(Layout.problems(ui.browser()))
                    .as("layout with the %s tab", mode)
                    .isEmpty();
        }
    }
}
