package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    private TestApp app;
    private TestApi api;
    private HeadlessChromium browser;
    private GleanerPage page;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        api = app.newOwner();
        browser = HeadlessChromium.start(Layout.DESKTOP_WIDTH, Layout.DESKTOP_HEIGHT);
        page = new GleanerPage(browser.driver(), "http://127.0.0.1:" + app.port());
    }

    @AfterEach
    void stop() {
        try {
            browser.close();
        } finally {
            app.close();
        }
    }

    @Test
    void everyEmptyStepSaysWhatToDoNext() {
        page.open();
        Layout.assertSoundAtDesktopAndPhoneWidth(browser, "guidance-01-key");
        page.pasteKey(Objects.requireNonNull(api.key()));

        assertThat(page.visible(By.id("scope-guide")).getText())
                .contains("No project yet")
                .contains("Create project");
        assertThat(browser.driver().findElement(By.id("kb-area")).isDisplayed()).isFalse();
        Layout.assertSoundAtDesktopAndPhoneWidth(browser, "guidance-02-no-project");

        page.createProject("Handbook");
        page.waitUpTo(GleanerPage.UI_STEP)
                .until(d -> page.visible(By.id("scope-guide")).getText().contains("no knowledgebase yet"));
        assertThat(page.visible(By.id("scope-guide")).getText()).contains("Create knowledgebase");
        Layout.assertSoundAtDesktopAndPhoneWidth(browser, "guidance-03-no-knowledgebase");

        page.createKnowledgebase("Policies");
        page.waitUpTo(GleanerPage.UI_STEP)
                .until(d -> !browser.driver().findElement(By.id("scope-guide")).isDisplayed());
        assertThat(page.visible(By.id("jobs-empty")).getText())
                .contains("No import yet")
                .contains("a site to crawl");
        assertThat(page.visible(By.id("datasets-empty")).getText())
                .contains("Nothing imported yet")
                .contains("upload a file");
        assertThat(browser.driver().findElement(By.id("datasets-search")).isDisplayed())
                .as("no search over nothing")
                .isFalse();

        page.replace(By.id("search-q"), "opening hours");
        browser.driver()
                .findElement(By.cssSelector("#search-form button[type=submit]"))
                .click();
        page.waitUpTo(GleanerPage.UI_STEP)
                .until(d -> page.visible(By.id("search-status")).getText().contains("Nothing to search yet"));
        assertThat(page.visible(By.id("search-status")).getText()).contains("import a site or upload a file");
        Layout.assertSoundAtDesktopAndPhoneWidth(browser, "guidance-04-empty-knowledgebase");
        for (String mode : new String[] {"sitemap", "batch", "upload", "crawl"}) {
            page.tab(mode);
            assertThat(Layout.problems(browser))
                    .as("layout with the %s tab", mode)
                    .isEmpty();
        }
    }
}
