package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.DocumentBombs;
import dev.gleaner.ingest.DocumentFixtures;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploading documents: a compression bomb is refused with a neutral reason and the next document is read, a
 * spreadsheet is refused before it is read, and a document's headings and title become the chunks' heading paths and
 * the dataset's title. One application in this JVM: the multipart size limit is the last started application's.
 */
class DocumentUploadApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static TestApp app;

    @BeforeAll
    static void start(@TempDir Path data) {
        app = TestApp.start(data);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void docxBombIsRefusedWith400AndTheNextUploadIsRead() {
        Kb kb = Kb.create(app.newOwner());
        byte[] bomb = DocumentBombs.docx(15_000_000);

        TestApi.Response response =
                kb.api().upload(kb.path() + "/datasets", "dataset", "bomb.docx", DocumentBombs.DOCX_TYPE, bomb);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().path("error").path("message").asText())
                .isEqualTo("The document is too large when unpacked: a part of it unpacks to more than 100 times"
                        + " its packed size");
        assertThat(kb.datasets()).isEmpty();
        byte[] pdf = DocumentFixtures.pdf("After", List.of(List.of("Read after the bomb.")));
        JsonNode after = uploadAndAwaitParsed(kb, "after.pdf", pdf);
        assertThat(after.path("chunkCount").asLong()).isPositive();
    }

    @Test
    void spreadsheetIsRefusedWith415BeforeItIsRead() {
        Kb kb = Kb.create(app.newOwner());

        TestApi.Response response = kb.api()
                .upload(
                        kb.path() + "/datasets",
                        "dataset",
                        "sheet.xlsx",
                        DocumentBombs.XLSX_TYPE,
                        DocumentBombs.xlsx(5_000_000));

        assertThat(response.status()).as(response.text()).isEqualTo(415);
        assertThat(kb.datasets()).isEmpty();
    }

    @Test
    void docxHeadingsBecomeHeadingPathsAndItsTitleStyleTheDatasetTitle() {
        Kb kb = Kb.create(app.newOwner(), java.util.Map.of("chunkSize", 400, "chunkOverlap", 0));
        String install = "Unpack the archive into the service directory and check the checksum first. ";
        String requirements = "The service needs Java twenty-one and two gigabytes of memory to run well. ";
        byte[] docx = new DocumentFixtures.Docx()
                .styled("Title", "Title", "Field Manual")
                .heading(1, "Installation")
                .paragraph(install.repeat(4))
                .heading(2, "Requirements")
                .paragraph(requirements.repeat(4))
                .bytes();

        JsonNode dataset = uploadAndAwaitParsed(kb, "manual-v2.docx", docx);

        assertThat(dataset.path("title").asText()).isEqualTo("Field Manual");
        JsonNode chunks = kb.api()
                .get(kb.path() + "/datasets/" + dataset.path("id").asText() + "/chunks")
                .json();
        // Word's Title style is a top-level heading like Heading 1: a sibling of the sections, not their parent.
        assertThat(headingPathOf(chunks, "two gigabytes")).containsExactly("Installation", "Requirements");
    }

    @Test
    void pdfBookmarksBecomeHeadingPaths() {
        Kb kb = Kb.create(app.newOwner(), java.util.Map.of("chunkSize", 400, "chunkOverlap", 0));
        String backups = "Backups of the ledger run nightly and are kept for seven years in cold storage.";
        String restore = "A restore takes about four hours and needs two operators present at all times.";
        byte[] pdf = DocumentFixtures.pdfWithOutline(
                null,
                List.of(List.of("Backups", backups, backups, backups), List.of("Restoring", restore, restore, restore)),
                List.of(
                        new DocumentFixtures.Bookmark(1, "Operations", 0),
                        new DocumentFixtures.Bookmark(2, "Backups", 0),
                        new DocumentFixtures.Bookmark(2, "Restoring", 1)));

        JsonNode dataset = uploadAndAwaitParsed(kb, "ops.pdf", pdf);

        assertThat(dataset.path("title").asText()).isEqualTo("Operations");
        JsonNode chunks = kb.api()
                .get(kb.path() + "/datasets/" + dataset.path("id").asText() + "/chunks")
                .json();
        assertThat(headingPathOf(chunks, "four hours")).containsExactly("Operations", "Restoring");
        // The lone "Operations" heading is too small a chunk on its own, so the first section joins it.
        assertThat(headingPathOf(chunks, "cold storage")).first().isEqualTo("Operations");
    }

    private static JsonNode uploadAndAwaitParsed(Kb kb, String filename, byte[] bytes) {
        TestApi.Response uploaded = kb.api().upload(kb.path() + "/datasets", "dataset", filename, null, bytes);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String datasetPath =
                kb.path() + "/datasets/" + uploaded.json().path("id").asText();
        return await().atMost(WITHIN).until(() -> kb.api().get(datasetPath).json(), d -> d.path("isParsed")
                .asBoolean());
    }

    /** The heading path of the first chunk holding {@code text}. */
    private static List<String> headingPathOf(JsonNode chunks, String text) {
        for (JsonNode chunk : chunks) {
            if (chunk.path("content").asText().contains(text)) {
                List<String> path = new java.util.ArrayList<>();
                chunk.path("headingPath").forEach(title -> path.add(title.asText()));
                return path;
            }
        }
        throw new AssertionError("no chunk holds '" + text + "': " + chunks);
    }
}
