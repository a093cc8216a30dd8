package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.net.URI;
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
 * The datasets card and the knowledgebase settings in a real headless Chromium against the real application: datasets
 * a page of 20 at a time, found by URL, each with its chunks switched on and off, deleted after a confirmation; an
 * upload's bytes sent and then its way to searchable; the settings fixed at creation shown as the API has them.
 */
class WebUiDatasetsIT {
    private static final Duration JOB = Duration.ofSeconds(90);
    private static final int PAGES = 23;
    private static final int PAGE_SIZE = 20;

    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private TestApi api;
    private HeadlessChromium browser;
    private GleanerPage page;
    private Kb kb;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.withGeneratedSite(PAGES);
        api = app.newOwner();
        browser = HeadlessChromium.start(Layout.DESKTOP_WIDTH, Layout.DESKTOP_HEIGHT);
        page = new GleanerPage(browser.driver(), "http://127.0.0.1:" + app.port());
        page.open();
        page.pasteKey(Objects.requireNonNull(api.key()));
        page.createProject("Field notes");
        page.createKnowledgebase("Articles");
        Map<String, String> selection = page.hashSelection();
        kb = new Kb(api, Objects.requireNonNull(selection.get("project")), Objects.requireNonNull(selection.get("kb")));
        page.startBatch(site.sitePages().stream().map(URI::toString).toList());
        page.awaitOnlyBannerFinished(JOB);
        page.waitUpTo(JOB).until(d -> summary().equals("Datasets 1–20 of 23, newest first."));
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
    void datasetsArePagedAndFoundByTitleOrUrl() {
        assertThat(page.datasetRows()).hasSize(PAGE_SIZE);
        assertThat(text("datasets-page")).isEqualTo("Page 1 of 2");
        assertThat(rowIds())
                .isEqualTo(ids(api.get(kb.path() + "/datasets?limit=20").json()));

        click("datasets-next");
        page.waitUpTo(GleanerPage.UI_STEP).until(d -> page.datasetRows().size() == PAGES - PAGE_SIZE);
        assertThat(text("datasets-page")).isEqualTo("Page 2 of 2");
        assertThat(summary()).isEqualTo("Datasets 21–23 of 23, newest first.");
        assertThat(button("datasets-next").isEnabled()).isFalse();
        Layout.assertSoundAtDesktopAndPhoneWidth(browser, "datasets-01-second-page");
        click("datasets-prev");
        page.waitUpTo(GleanerPage.UI_STEP).until(d -> page.datasetRows().size() == PAGE_SIZE);

        page.replace(By.id("datasets-keyword"), "page-7.html");
        browser.driver().findElement(By.cssSelector("#datasets-search button")).click();
        page.waitUpTo(GleanerPage.UI_STEP).until(d -> page.datasetRows().size() == 1);
        assertThat(page.datasetRows().getFirst().getText())
                .contains(site.site().title(7))
                .contains(site.url(GeneratedSite.path(7)).toString());
        assertThat(browser.driver().findElement(By.id("datasets-pager")).isDisplayed())
                .isFalse();

        page.replace(By.id("datasets-keyword"), "no such page anywhere");
        browser.driver().findElement(By.cssSelector("#datasets-search button")).click();
        page.waitUpTo(GleanerPage.UI_STEP).until(d -> page.datasetRows().isEmpty());
        assertThat(summary()).contains("No dataset's title, file name or URL contains “no such page anywhere”");
    }

    @Test
    void chunksAreShownPerDatasetAndSwitchedOffAndOnForSearch() {
        WebElement row = page.datasetRows().getFirst();
        String datasetId = Objects.requireNonNull(row.getAttribute("data-dataset-id"));
        JsonNode chunks =
                api.get(kb.path() + "/datasets/" + datasetId + "/chunks").json();
        row.findElement(By.cssSelector(".action-chunks")).click();

        page.waitUpTo(GleanerPage.UI_STEP).until(d -> chunkItems().size() == chunks.size());
        assertThat(chunks.size()).isPositive();
        assertThat(chunkItems()
                        .getFirst()
                        .findElement(By.cssSelector(".chunk-text"))
                        .getText())
                .isEqualTo(chunks.get(0).path("content").asText().strip());
        String chunkId = chunks.get(0).path("id").asText();
        WebElement toggle = chunkItems().getFirst().findElement(By.cssSelector(".chunk-toggle"));
        assertThat(toggle.isSelected()).isTrue();

        toggle.click();
        page.waitUpTo(GleanerPage.UI_STEP)
                .until(d -> "false".equals(chunkItems().getFirst().getAttribute("data-enabled")));
        assertThat(chunkEnabled(datasetId, chunkId)).isFalse();
        assertThat(text("chunk-view-summary"))
                .startsWith(chunks.size() + " chunk")
                .contains((chunks.size() - 1) + " used in search");
        Layout.assertSoundAtDesktopAndPhoneWidth(browser, "datasets-02-chunks");

        chunkItems().getFirst().findElement(By.cssSelector(".chunk-toggle")).click();
        page.waitUpTo(GleanerPage.UI_STEP)
                .until(d -> "true".equals(chunkItems().getFirst().getAttribute("data-enabled")));
        assertThat(chunkEnabled(datasetId, chunkId)).isTrue();
        click("chunk-view-close");
        assertThat(browser.driver().findElement(By.id("chunk-view")).isDisplayed())
                .isFalse();
    }

    @Test
    void aDeleteAsksFirstAndThenRemovesTheDataset() {
        String datasetId = Objects.requireNonNull(page.datasetRows().getFirst().getAttribute("data-dataset-id"));
        inRow(datasetId, ".action-delete").click();
        assertThat(inRow(datasetId, ".confirm").getText()).contains("Delete “").contains("Searches stop finding it");
        Layout.assertSoundAtDesktopAndPhoneWidth(browser, "datasets-03-confirm-delete");
        String other = Objects.requireNonNull(page.datasetRows().getLast().getAttribute("data-dataset-id"));
        assertThat(api.delete(kb.path() + "/datasets/" + other).status()).isEqualTo(200);
        click("datasets-refresh");
        page.waitUpTo(GleanerPage.UI_STEP).until(d -> summary().equals("Datasets 1–20 of 22, newest first."));
        assertThat(inRow(datasetId, ".confirm").isDisplayed())
                .as("the question stays open while the list is read again")
                .isTrue();

        inRow(datasetId, ".cancel-delete").click();
        assertThat(inRow(datasetId, ".action-delete").isDisplayed()).isTrue();
        assertThat(api.get(kb.path() + "/datasets/" + datasetId).status()).isEqualTo(200);

        inRow(datasetId, ".action-delete").click();
        inRow(datasetId, ".confirm-delete").click();
        page.waitUpTo(GleanerPage.UI_STEP).until(d -> !rowIds().contains(datasetId));
        assertThat(api.get(kb.path() + "/datasets/" + datasetId).status()).isEqualTo(404);
        page.waitUpTo(GleanerPage.UI_STEP).until(d -> summary().equals("Datasets 1–20 of 21, newest first."));
        assertThat(page.datasetRows()).hasSize(PAGE_SIZE);
    }

    @Test
    void anUploadShowsTheBytesSentThenBecomesSearchableAndTheSettingsAreTheApis() throws Exception {
        Path notes = data.resolve("tide-tables.md");
        Files.writeString(
                notes,
                "# Tide tables\n\n"
                        + "High water at the northern quay comes forty minutes after the southern one.\n\n".repeat(400),
                StandardCharsets.UTF_8);
        page.upload(notes);
        page.waitUpTo(JOB)
                .withMessage(() -> "upload status: " + text("upload-status") + "; alert: " + page.alertText())
                .until(d -> text("upload-status").contains("tide-tables.md is searchable"));
        Object sent = page.js().executeScript("return document.getElementById('upload-progress').value;");
        assertThat(((Number) Objects.requireNonNull(sent)).longValue())
                .as("bytes sent, as the progress bar last showed them")
                .isGreaterThanOrEqualTo(Files.size(notes));
        page.waitUpTo(GleanerPage.UI_STEP)
                .until(d -> page.datasetRows().getFirst().getText().contains("Tide tables"));

        JsonNode settings = api.get(kb.path()).json();
        assertThat(text("setting-model"))
                .isEqualTo(settings.path("embeddingModelName").asText());
        assertThat(text("setting-chunk-size"))
                .isEqualTo(settings.path("chunkSize").asInt() + " characters");
        assertThat(text("setting-chunk-overlap"))
                .isEqualTo(settings.path("chunkOverlap").asInt() + " characters");
        page.waitUpTo(GleanerPage.UI_STEP).until(d -> text("setting-contents").startsWith("24 datasets"));
        page.replace(By.id("kb-rename-name"), "Articles and tides");
        browser.driver().findElement(By.cssSelector("#kb-rename button")).click();
        page.waitUpTo(GleanerPage.UI_STEP)
                .until(d -> page.selectedText("kb-select").equals("Articles and tides"));
        assertThat(api.get(kb.path()).json().path("name").asText()).isEqualTo("Articles and tides");
        Layout.assertSoundAtDesktopAndPhoneWidth(browser, "datasets-04-upload-and-settings");
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private String summary() {
        return text("datasets-summary");
    }

    private WebElement button(String id) {
        return browser.driver().findElement(By.id(id));
    }

    private void click(String id) {
        page.visible(By.id(id)).click();
    }

    private List<String> rowIds() {
        return page.datasetRows().stream()
                .map(r -> Objects.requireNonNull(r.getAttribute("data-dataset-id")))
                .toList();
    }

    /** The element of the dataset's row matching {@code selector}, once there (rows are re-rendered as data comes). */
    private WebElement inRow(String datasetId, String selector) {
        return page.waitUpTo(GleanerPage.UI_STEP)
                .until(d -> d.findElement(
                        By.cssSelector("#datasets tbody tr[data-dataset-id='" + datasetId + "'] " + selector)));
    }

    private List<WebElement> chunkItems() {
        return browser.driver().findElements(By.cssSelector("#chunk-list .chunk"));
    }

    private boolean chunkEnabled(String datasetId, String chunkId) {
        for (JsonNode chunk :
                api.get(kb.path() + "/datasets/" + datasetId + "/chunks").json()) {
            if (chunk.path("id").asText().equals(chunkId)) {
                return chunk.path("isEnabled").asBoolean();
            }
        }
        throw new AssertionError("no chunk " + chunkId);
    }

    private static List<String> ids(JsonNode datasets) {
        return java.util.stream.StreamSupport.stream(datasets.spliterator(), false)
                .map(d -> d.path("id").asText())
                .toList();
    }
}
