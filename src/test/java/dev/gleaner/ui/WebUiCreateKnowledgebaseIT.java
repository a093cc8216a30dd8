package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.testapp.TestApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Creating a knowledgebase in a real headless Chromium against an application offering two embedding models: the
 * model, chunk size and overlap chosen under "More options" are the ones the API stores and the settings card shows;
 * an overlap not below the chunk size is refused with the API's own words beside the form; the form is laid out without
 * overflow or overlap at a desktop's and a phone's width.
 */
class WebUiCreateKnowledgebaseIT {
    private static final String OTHER_MODEL = "bge-small-test";

    @TempDir
    Path data;

    @RegisterExtension
    final UiSession ui = UiSession.on(() -> TestApp.start(
            TestApp.config(data),
            List.of(new HashingEmbedder(TestApp.MODEL, 384), new HashingEmbedder(OTHER_MODEL, 384))));

    @Test
    void chosenModelAndChunkingAreStoredShownAndCheckedByTheApi() {
        ui.signIn();
        ui.page().createProject("Harbour");
        assertThat(ui.browser().driver().findElement(By.id("kb-model")).isDisplayed())
                .as("the simple path is one field")
                .isFalse();

        openMoreOptions();
        Select model = new Select(ui.page().visible(By.id("kb-model")));
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> model.getOptions().size() == 2);
        assertThat(model.getOptions().stream().map(o -> o.getAttribute("value")))
                .containsExactlyInAnyOrder(TestApp.MODEL, OTHER_MODEL);
        assertThat(model.getFirstSelectedOption().getAttribute("value")).isEqualTo(TestApp.MODEL);
        assertThat(value("kb-chunk-size")).isEqualTo("500");
        assertThat(value("kb-chunk-overlap")).isEqualTo("50");
        assertThat(text("kb-chunk-size-hint")).contains("50–8000").contains("default 500");
        assertThat(text("kb-chunk-overlap-hint")).contains("default 50");

        ui.page().replace(By.id("kb-name"), "Tides");
        model.selectByValue(OTHER_MODEL);
        ui.page().replace(By.id("kb-chunk-size"), "300");
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "create-kb-01-more-options");
        submit();
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().selectedText("kb-select").equals("Tides"));
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> text("setting-model").equals(OTHER_MODEL));
        assertThat(text("setting-chunk-size")).isEqualTo("300 characters");
        assertThat(text("setting-chunk-overlap")).isEqualTo("50 characters");

        String projectId = Objects.requireNonNull(ui.page().hashSelection().get("project"));
        String kbId = Objects.requireNonNull(ui.page().hashSelection().get("kb"));
        JsonNode stored = ui.api()
                .get("/v1/projects/" + projectId + "/knowledgebases/" + kbId)
                .json();
        assertThat(stored.path("embeddingModelName").asText()).isEqualTo(OTHER_MODEL);
        assertThat(stored.path("chunkSize").asInt()).isEqualTo(300);
        assertThat(stored.path("chunkOverlap").asInt()).isEqualTo(50);
        assertThat(ui.browser().driver().findElement(By.id("kb-model")).isDisplayed())
                .as("the options close once the knowledgebase is made")
                .isFalse();

        ui.page().replace(By.id("kb-name"), "Broken");
        openMoreOptions();
        ui.page().replace(By.id("kb-chunk-size"), "200");
        ui.page().replace(By.id("kb-chunk-overlap"), "200");
        submit();
        WebElement problems = ui.page().visible(By.id("kb-create-error"));
        assertThat(problems.findElements(By.cssSelector("li")))
                .extracting(WebElement::getText)
                .containsExactly("Chunk overlap must be less than the chunk size (200).");
        assertThat(ui.browser().driver().findElement(By.id("kb-chunk-overlap")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(ui.page().alertShown())
                .as("the problem is shown beside the form only")
                .isFalse();
        Layout.assertSoundAtDesktopAndPhoneWidth(ui.browser(), "create-kb-02-invalid-overlap");

        JsonNode knowledgebases =
                ui.api().get("/v1/projects/" + projectId + "/knowledgebases").json();
        assertThat(knowledgebases.findValuesAsText("name"))
                .as("neither the refused form nor the model list made a knowledgebase")
                .containsExactly("Tides");

        ui.page().replace(By.id("kb-chunk-overlap"), "20");
        submit();
        ui.page()
                .waitUpTo(GleanerPage.UI_STEP)
                .until(d -> ui.page().selectedText("kb-select").equals("Broken"));
        assertThat(ui.browser().driver().findElement(By.id("kb-create-error")).isDisplayed())
                .isFalse();
        ui.page().waitUpTo(GleanerPage.UI_STEP).until(d -> text("setting-chunk-size")
                .equals("200 characters"));
        assertThat(text("setting-chunk-overlap")).isEqualTo("20 characters");
        assertThat(text("setting-model")).isEqualTo(TestApp.MODEL);
    }

    private void openMoreOptions() {
        ui.page().visible(By.cssSelector("#kb-more > summary")).click();
        ui.page().visible(By.id("kb-chunk-size"));
    }

    private void submit() {
        ui.browser()
                .driver()
                .findElement(By.cssSelector("#kb-form button[type=submit]"))
                .click();
    }

    private String text(String id) {
        return ui.browser().driver().findElement(By.id(id)).getText();
    }

    private String value(String id) {
        return Objects.requireNonNullElse(
                ui.browser().driver().findElement(By.id(id)).getAttribute("value"), "");
    }
}
