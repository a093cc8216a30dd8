package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.DocumentBombs;
import dev.gleaner.ingest.DocumentFixtures;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploading files as datasets: accepted at once, then parsed and searchable; refused when too large or unreadable. */
class UploadApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    /** The upload limit of the second application, small enough to exceed cheaply. */
    private static final int SMALL_LIMIT = 4_096;

    private static TestApp app;
    private static TestApp smallLimitApp;

    @BeforeAll
    static void start(@TempDir Path data) {
        app = TestApp.start(data.resolve("default"));
        smallLimitApp = TestApp.start(data.resolve("small"), config -> config.withMaxUploadBytes(SMALL_LIMIT));
    }

    @AfterAll
    static void stop() {
        app.close();
        smallLimitApp.close();
    }

    @Test
    void textFileBecomesSearchable() {
        String sentence = "The ferry to Skjervøy carried eleven crates of cloudberries across the sound at noon.";
        assertSearchableAfterUpload(
                "ferry-log.txt",
                "text/plain",
                ("Ferry log\n\n" + sentence + "\n").getBytes(StandardCharsets.UTF_8),
                sentence,
                "txt");
    }

    @Test
    void markdownFileBecomesSearchable() {
        String sentence = "Glacier surveyors measured the moraine with brass chains every spring equinox.";
        assertSearchableAfterUpload(
                "survey.md",
                "application/octet-stream",
                ("# Glacier survey\n\n## Methods\n\n" + sentence + "\n").getBytes(StandardCharsets.UTF_8),
                sentence,
                "md");
    }

    @Test
    void htmlFileBecomesSearchable() {
        String sentence = "The lighthouse keeper logged forty-two passing trawlers during the January gale.";
        String html = "<!doctype html><html><head><title>Keeper's log</title></head><body><main><h1>Keeper's log</h1>"
                + "<p>" + sentence + "</p></main></body></html>";
        assertSearchableAfterUpload("log.html", "text/html", html.getBytes(StandardCharsets.UTF_8), sentence, "html");
    }

    @Test
    void pdfFileBecomesSearchable() {
        String sentence = "Orchard growers graft pear scions onto quince rootstock in late winter.";
        byte[] pdf = DocumentFixtures.pdf("Grafting notes", List.of(List.of(sentence)));
        assertSearchableAfterUpload("grafting.pdf", "application/pdf", pdf, sentence, "pdf");
    }

    @Test
    void fileOverTheLimitIsRefusedWith413() {
        Kb kb = Kb.create(smallLimitApp.newOwner());
        byte[] justOver = text(SMALL_LIMIT + 1);

        TestApi.Response response =
                kb.api().upload(kb.path() + "/datasets", "dataset", "big.txt", "text/plain", justOver);

        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("payload_too_large");
        assertThat(kb.datasets()).isEmpty();
    }

    @Test
    void requestFarOverTheLimitIsRefusedWith413() {
        Kb kb = Kb.create(smallLimitApp.newOwner());

        TestApi.Response response =
                kb.api().upload(kb.path() + "/datasets", "dataset", "huge.txt", "text/plain", text(200_000));

        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(kb.datasets()).isEmpty();
    }

    @Test
    void fileWithinTheLimitIsAccepted() {
        Kb kb = Kb.create(smallLimitApp.newOwner());

        TestApi.Response response =
                kb.api().upload(kb.path() + "/datasets", "dataset", "small.txt", "text/plain", text(SMALL_LIMIT));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    @Test
    void imageIsRefusedWith415() {
        Kb kb = Kb.create(app.newOwner());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

        TestApi.Response response = kb.api().upload(kb.path() + "/datasets", "dataset", "photo.png", "image/png", png);

        assertThat(response.status()).as(response.text()).isEqualTo(415);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(kb.datasets()).isEmpty();
    }

    @Test
    void unreadablePdfIsRefusedWith400() {
        Kb kb = Kb.create(app.newOwner());
        byte[] notAPdf = "%PDF-1.7 this is not really a PDF".getBytes(StandardCharsets.UTF_8);

        TestApi.Response response =
                kb.api().upload(kb.path() + "/datasets", "dataset", "broken.pdf", "application/pdf", notAPdf);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("bad_request");
        assertThat(response.json().path("error").path("message").asText())
                .isEqualTo("The file could not be read as a PDF: it is damaged or not a valid PDF");
        assertThat(kb.datasets()).isEmpty();
    }

    @Test
    void passwordProtectedPdfIsRefusedWith400NamingThePassword() {
        Kb kb = Kb.create(app.newOwner());

        TestApi.Response response = kb.api()
                .upload(
                        kb.path() + "/datasets",
                        "dataset",
                        "secret.pdf",
                        "application/pdf",
                        DocumentFixtures.encryptedPdf());

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().path("error").path("message").asText())
                .isEqualTo("The file could not be read as a PDF: it is protected by a password; upload a copy"
                        + " without one");
        assertThat(kb.datasets()).isEmpty();
    }

    @Test
    void emptyFileIsRefusedWith400() {
        Kb kb = Kb.create(app.newOwner());

        TestApi.Response response =
                kb.api().upload(kb.path() + "/datasets", "dataset", "empty.pdf", "application/pdf", new byte[0]);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("bad_request");
        assertThat(response.json().path("error").path("message").asText())
                .isEqualTo("The file is empty: upload a file with content");
        assertThat(response.json().path("error").path("details").path("dataset").asText())
                .isEqualTo("empty file");
        assertThat(kb.datasets()).isEmpty();
    }

    @Test
    void documentWithoutTextIsRefusedWith400() {
        Kb kb = Kb.create(app.newOwner());
        byte[] blankPage = DocumentFixtures.pdf("Scan", List.of(List.of()));

        TestApi.Response response =
                kb.api().upload(kb.path() + "/datasets", "dataset", "scan.pdf", "application/pdf", blankPage);
        TestApi.Response whitespace = kb.api()
                .upload(
                        kb.path() + "/datasets",
                        "dataset",
                        "blank.txt",
                        "text/plain",
                        "  \n\n ".getBytes(StandardCharsets.UTF_8));

        for (TestApi.Response refused : List.of(response, whitespace)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().path("error").path("message").asText())
                    .startsWith("The file holds no text to index");
            assertThat(refused.json().path("error").path("details").path("dataset").asText())
                    .isEqualTo("no text");
        }
        assertThat(kb.datasets()).isEmpty();
    }

    @Test
    void docxBombIsRefusedWith400AndTheNextUploadIsRead() {
        Kb kb = Kb.create(app.newOwner());
        byte[] bomb = DocumentBombs.docx(15_000_000);

        TestApi.Response response = kb.api()
                .upload(kb.path() + "/datasets", "dataset", "bomb.docx", DocumentBombs.DOCX_TYPE, bomb);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().path("error").path("message").asText())
                .isEqualTo("The document is too large when unpacked: a part of it unpacks to more than 100 times"
                        + " its packed size");
        assertThat(kb.datasets()).isEmpty();
        pdfFileBecomesSearchable();
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
        JsonNode chunks = kb.api().get(kb.path() + "/datasets/" + dataset.path("id").asText() + "/chunks").json();
        assertThat(headingPathOf(chunks, "two gigabytes"))
                .containsExactly("Field Manual", "Installation", "Requirements");
        assertThat(headingPathOf(chunks, "checksum first")).containsExactly("Field Manual", "Installation");
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
        JsonNode chunks = kb.api().get(kb.path() + "/datasets/" + dataset.path("id").asText() + "/chunks").json();
        assertThat(headingPathOf(chunks, "four hours")).containsExactly("Operations", "Restoring");
        assertThat(headingPathOf(chunks, "cold storage")).containsExactly("Operations", "Backups");
    }

    private static JsonNode uploadAndAwaitParsed(Kb kb, String filename, byte[] bytes) {
        TestApi.Response uploaded = kb.api().upload(kb.path() + "/datasets", "dataset", filename, null, bytes);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String datasetPath = kb.path() + "/datasets/" + uploaded.json().path("id").asText();
        return await().atMost(WITHIN)
                .until(() -> kb.api().get(datasetPath).json(), d -> d.path("isParsed")
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

    @Test
    void missingPartIsRefusedWith400() {
        Kb kb = Kb.create(app.newOwner());

        TestApi.Response response =
                kb.api().upload(kb.path() + "/datasets", "file", "notes.txt", "text/plain", text(10));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().path("error").path("details").has("dataset")).isTrue();
    }

    @Test
    void jsonBodyIsRefusedWith415() {
        Kb kb = Kb.create(app.newOwner());

        TestApi.Response response = kb.api().post(kb.path() + "/datasets", "{\"dataset\": \"hello\"}");

        assertThat(response.status()).as(response.text()).isEqualTo(415);
    }

    @Test
    void anotherOwnersKnowledgebaseIsNotFound() {
        Kb kb = Kb.create(app.newOwner());
        TestApi stranger = app.newOwner();

        TestApi.Response response =
                stranger.upload(kb.path() + "/datasets", "dataset", "notes.txt", "text/plain", text(10));

        assertThat(response.status()).as(response.text()).isEqualTo(404);
        assertThat(kb.datasets()).isEmpty();
    }

    private static void assertSearchableAfterUpload(
            String filename, String partType, byte[] bytes, String sentence, String extensionType) {
        Kb kb = Kb.create(app.newOwner());

        TestApi.Response uploaded = kb.api().upload(kb.path() + "/datasets", "dataset", filename, partType, bytes);

        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        assertThat(uploaded.json().path("message").asText()).isEqualTo("Dataset uploaded");
        assertThat(uploaded.json().path("success").asBoolean()).isTrue();
        String id = uploaded.json().path("id").asText();
        String datasetPath = kb.path() + "/datasets/" + id;
        JsonNode dataset = await().atMost(WITHIN)
                .until(() -> kb.api().get(datasetPath).json(), d -> d.path("isParsed")
                        .asBoolean());
        assertThat(dataset.path("filename").asText()).isEqualTo(filename);
        assertThat(dataset.path("extensionType").asText()).isEqualTo(extensionType);
        assertThat(dataset.path("size").asLong()).isEqualTo(bytes.length);
        assertThat(dataset.path("chunkCount").asLong()).isPositive();

        JsonNode hits = kb.query(sentence, 5, 0.0);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).path("datasetId").asText()).isEqualTo(id);
        assertThat(hits.get(0).path("content").asText()).contains(sentence.substring(0, 30));

        TestApi.Response file = kb.api().get(datasetPath + "/file");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(bytes);
    }

    private static byte[] text(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }
}
