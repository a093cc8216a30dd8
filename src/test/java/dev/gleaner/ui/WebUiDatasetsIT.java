package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    final UiSession ui = UiSession.on(() -> TestApp.start(data));

    private TestSite site;
    private Kb kb;

    @BeforeEach
    void start() {
        site = TestSite.withGeneratedSite(PAGES);
        kb = ui.createKnowledgebase("Field notes", "Articles");
        ui.page().startBatch(site.sitePages().stream().map(URI::toString).toList());
        ui.page().awaitOnlyBannerFinished(JOB);
        ui.page().waitUpTo(JOB).until(d -> summary().equals("Datasets 1–20 of 23, newest first."));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void datasetsArePagedAndFoundByTitleOrUrl() {
        assertThat(ui.page().datasetRows()).hasSize(PAGE_SIZE);
        assertThat(text("datasets-page")).isEqualTo("Page 1 of 2");
        assertThat(rowIds())
                .isEqualTo(ids(ui.api().get(kb.path() + "/datasets?limit=20").json()));

        click("datasets-next");
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().datasetRows().size() == PAGES - PAGE_SIZE);
        assertThat(text("datasets-page")).isEqualTo("Page 2 of 2");
        assertThat(summary()).isEqualTo("Datasets 21–23 of 23, newest first.");
        assertThat(button("datasets-next").isEnabled()).isFalse();
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "datasets-01-second-page");
        click("datasets-prev");
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().datasetRows().size() == PAGE_SIZE);

        ui.page().replace(By.id("datasets-keyword"), "page-7.html");
        ui.browser()
                .driver()
                .findElement(By.cssSelector("#datasets-search button"))
                .click();
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().datasetRows().size() == 1);
        assertThat(ui.page().datasetRows().getFirst().getText())
                .contains(site.site().title(7))
                .contains(site.url(GeneratedSite.path(7)).toString());
        assertThat(ui.browser().driver().findElement(By.id("datasets-pager")).isDisplayed())
                .isFalse();

        ui.page().replace(By.id("datasets-keyword"), "no such page anywhere");
        ui.browser()
                .driver()
                .findElement(By.cssSelector("#datasets-search button"))
                .click();
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().datasetRows().isEmpty());
        assertThat(summary()).contains("No dataset's title, file name or URL contains “no such page anywhere”");
    }

    @Test
    void chunksAreShownPerDatasetAndSwitchedOffAndOnForSearch() {
        WebElement row = ui.page().datasetRows().getFirst();
        String datasetId = Objects.requireNonNull(row.getAttribute("data-dataset-id"));
        JsonNode chunks =
                ui.api().get(kb.path() + "/datasets/" + datasetId + "/chunks").json();
        row.findElement(By.cssSelector(".action-chunks")).click();

        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> chunkItems().size() == chunks.size());
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
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> "false"
                .equals(chunkItems().getFirst().getAttribute("data-enabled")));
        assertThat(chunkEnabled(datasetId, chunkId)).isFalse();
        assertThat(text("chunk-view-summary"))
                .startsWith(chunks.size() + " chunk")
                .contains((chunks.size() - 1) + " used in search");
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "datasets-02-chunks");

        chunkItems().getFirst().findElement(By.cssSelector(".chunk-toggle")).click();
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> "true"
                .equals(chunkItems().getFirst().getAttribute("data-enabled")));
        assertThat(chunkEnabled(datasetId, chunkId)).isTrue();
        click("chunk-view-close");
        assertThat(ui.browser().driver().findElement(By.id("chunk-view")).isDisplayed())
                .isFalse();
    }

    @Test
    void aDeleteAsksFirstAndThenRemovesTheDataset() {
        String datasetId =
                Objects.requireNonNull(ui.page().datasetRows().getFirst().getAttribute("data-dataset-id"));
        inRow(datasetId, ".action-delete").click();
        assertThat(inRow(datasetId, ".confirm").getText()).contains("Delete “").contains("Searches stop finding it");
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "datasets-03-confirm-delete");
        String other = Objects.requireNonNull(ui.page().datasetRows().getLast().getAttribute("data-dataset-id"));
        assertThat(ui.api().delete(kb.path() + "/datasets/" + other).status()).isEqualTo(200);
        click("datasets-refresh");
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> summary().equals("Datasets 1–20 of 22, newest first."));
        assertThat(inRow(datasetId, ".confirm").isDisplayed())
                .as("the question stays open while the list is read again")
                .isTrue();

        inRow(datasetId, ".cancel-delete").click();
        assertThat(inRow(datasetId, ".action-delete").isDisplayed()).isTrue();
        assertThat(ui.api().get(kb.path() + "/datasets/" + datasetId).status()).isEqualTo(200);

        inRow(datasetId, ".action-delete").click();
        inRow(datasetId, ".confirm-delete").click();
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> !rowIds().contains(datasetId));
        assertThat(ui.api().get(kb.path() + "/datasets/" + datasetId).status()).isEqualTo(404);
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> summary().equals("Datasets 1–20 of 21, newest first."));
        assertThat(ui.page().datasetRows()).hasSize(PAGE_SIZE);
    }

    @Test
    void anUploadShowsTheBytesSentThenBecomesSearchableAndTheSettingsAreTheApis() throws Exception {
        Path notes = data.resolve("tide-tables.md");
        Files.writeString(
                notes,
                "# Tide tables\n\n"
                        + "High water at the northern quay comes forty minutes after the southern one.\n\n".repeat(400),
                StandardCharsets.UTF_8);
        ui.page().upload(notes);
        ui.page()
                .waitUpTo(JOB)
                .withMessage(() -> "upload status: " + text("upload-status") + "; alert: "
                        + ui.page().alertText())
                .until(d -> text("upload-status").contains("tide-tables.md is searchable"));
        Object sent = ui.page().js().executeScript("return document.getElementById('upload-progress').value;");
        assertThat(((Number) Objects.requireNonNull(sent)).longValue())
                .as("bytes sent, as the progress bar last showed them")
                .isGreaterThanOrEqualTo(Files.size(notes));
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().datasetRows().getFirst().getText().contains("Tide tables"));

        JsonNode settings = ui.api().get(kb.path()).json();
        assertThat(text("setting-model"))
                .isEqualTo(settings.path("embeddingModelName").asText());
        assertThat(text("setting-chunk-size"))
                .isEqualTo(settings.path("chunkSize").asInt() + " characters");
        assertThat(text("setting-chunk-overlap"))
                .isEqualTo(settings.path("chunkOverlap").asInt() + " characters");
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> text("setting-contents")
                .startsWith("24 datasets"));
        ui.page().replace(By.id("kb-rename-name"), "Articles and tides");
        ui.browser().driver().findElement(By.cssSelector("#kb-rename button")).click();
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().selectedText("kb-select").equals("Articles and tides"));
        assertThat(ui.api().get(kb.path()).json().path("name").asText()).isEqualTo("Articles and tides");
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "datasets-04-upload-and-settings");
    }

    private String text(String id) {
        return ui.browser().driver().findElement(By.id(id)).getText();
    }

    private String summary() {
        return text("datasets-summary");
    }

    private WebElement button(String id) {
        return ui.browser().driver().findElement(By.id(id));
    }

    private void click(String id) {
        ui.page().visible(By.id(id)).click();
    }

    private List<String> rowIds() {
        return ui.page().datasetRows().stream()
                .map(r -> Objects.requireNonNull(r.getAttribute("data-dataset-id")))
                .toList();
    }

    /** The element of the dataset's row matching {@code selector}, once there (rows are re-rendered as data comes). */
    private WebElement inRow(String datasetId, String selector) {
        return ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> d.findElement(
                        By.cssSelector("#datasets tbody tr[data-dataset-id='" + datasetId + "'] " + selector)));
    }

    private List<WebElement> chunkItems() {
        return ui.browser().driver().findElements(By.cssSelector("#chunk-list .chunk"));
    }

    private boolean chunkEnabled(String datasetId, String chunkId) {
        for (JsonNode chunk :
                ui.api().get(kb.path() + "/datasets/" + datasetId + "/chunks").json()) {
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
