package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
        smallLimitApp =
                TestApp.start(data.resolve("small"), config -> config.withUploads(u -> u.withMaxBytes(SMALL_LIMIT)));
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
            assertThat(refused.json()
                            .path("error")
                            .path("details")
                            .path("dataset")
                            .asText())
                    .isEqualTo("no text");
        }
        assertThat(kb.datasets()).isEmpty();
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
