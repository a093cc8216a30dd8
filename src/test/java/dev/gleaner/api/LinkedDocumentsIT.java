package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.DocumentFixtures;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl of a loopback site whose page links documents: the in-scope PDF and DOCX are fetched, parsed and searchable;
 * one outside the path prefix and one matching an exclude pattern are skipped unfetched; one over the body limit, a
 * damaged PDF and a zip archive each end with an outcome and a reason saying why.
 */
class LinkedDocumentsIT {
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final String PDF_SENTENCE = "The breakwater lamp was relit with a Fresnel lens in 1911.";
    private static final String DOCX_SENTENCE = "Ferry tickets bought at the kiosk are valid for a whole day.";
    private static final String PDF = "application/pdf";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @TempDir
    Path data;

    private TestApp app;
    private TestSite site;
    private TestApi api;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
        site = TestSite.withGeneratedSite(1);
        api = app.newOwner();
        site.page(
                "/docs/",
                """
                <html><head><title>Harbour papers</title></head><body><main><h1>Harbour papers</h1>
                <p>The harbour office publishes its records as documents.</p>
                <ul><li><a href="/docs/files/lighthouse.pdf">Lighthouse history</a></li>
                <li><a href="/docs/files/ferry">Ferry rules</a></li>
                <li><a href="/elsewhere/outside.pdf">Outside the prefix</a></li>
                <li><a href="/docs/drafts/draft.pdf">A draft</a></li>
                <li><a href="/docs/files/survey.pdf">The full survey</a></li>
                <li><a href="/docs/files/broken.pdf">A damaged file</a></li>
                <li><a href="/docs/files/archive.zip">Everything as a zip</a></li></ul>
                </main></body></html>""");
        byte[] pdf = DocumentFixtures.pdf(
                "Lighthouse history", List.of(List.of("The lighthouse at the harbour mouth.", PDF_SENTENCE)));
        site.respond("/docs/files/lighthouse.pdf", 200, PDF, pdf, Map.of());
        // No extension in the link: the bytes say what it is.
        byte[] docx = new DocumentFixtures.Docx()
                .title("Ferry rules")
                .heading(1, "Tickets")
                .paragraph(DOCX_SENTENCE)
                .bytes();
        site.respond("/docs/files/ferry", 200, DOCX, docx, Map.of());
        site.respond("/elsewhere/outside.pdf", 200, PDF, pdf, Map.of());
        site.respond("/docs/drafts/draft.pdf", 200, PDF, pdf, Map.of());
        byte[] large = Arrays.copyOf(pdf, (int) app.config().crawl().maxPageBytes() + 1024);
        site.respond("/docs/files/survey.pdf", 200, PDF, large, Map.of());
        byte[] broken =
                "%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a pdf body\n".getBytes(StandardCharsets.US_ASCII);
        site.respond("/docs/files/broken.pdf", 200, PDF, broken, Map.of());
        site.respond("/docs/files/archive.zip", 200, "application/zip", zip(), Map.of());
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void linkedDocumentsInScopeAreIngestedAndEveryOtherOneEndsWithItsReason() {
        Kb kb = Kb.create(api);
        String jobId = kb.crawl(
                Map.of("url", site.origin() + "/docs/", "sitemap", "skip", "excludePaths", List.of("^/docs/drafts/")));

        kb.awaitFinished(jobId, WITHIN);

        JsonNode pages =
                api.get(kb.path() + "/crawl/jobs/" + jobId + "/pages?limit=100").json();
        assertThat(page(pages, "/docs/files/lighthouse.pdf").path("outcome").asText())
                .isEqualTo("ingested");
        assertThat(page(pages, "/docs/files/ferry").path("outcome").asText()).isEqualTo("ingested");
        assertThat(page(pages, "/elsewhere/outside.pdf").path("outcome").asText())
                .isEqualTo("outOfScope");
        assertThat(page(pages, "/docs/drafts/draft.pdf").path("outcome").asText())
                .isEqualTo("outOfScope");
        assertThat(site.hits("/elsewhere/outside.pdf") + site.hits("/docs/drafts/draft.pdf"))
                .isZero();
        JsonNode survey = page(pages, "/docs/files/survey.pdf");
        assertThat(survey.path("outcome").asText()).isEqualTo("failed");
        assertThat(survey.path("reason").asText())
                .contains("larger than the limit of " + app.config().crawl().maxPageBytes() + " bytes")
                .contains("--max-page-bytes");
        JsonNode broken = page(pages, "/docs/files/broken.pdf");
        assertThat(broken.path("outcome").asText()).isEqualTo("failed");
        assertThat(broken.path("reason").asText()).contains("damaged or not a valid PDF");
        JsonNode archive = page(pages, "/docs/files/archive.zip");
        assertThat(archive.path("outcome").asText()).isEqualTo("unsupported");
        assertThat(archive.path("reason").asText()).containsIgnoringCase("zip");
        assertThat(kb.query("When was the breakwater lamp relit with a Fresnel lens?", 3, 0.0)
                        .toString())
                .contains(PDF_SENTENCE);
        assertThat(kb.query("How long are ferry tickets from the kiosk valid?", 3, 0.0)
                        .toString())
                .contains(DOCX_SENTENCE);
    }

    private JsonNode page(JsonNode listing, String path) {
        String url = site.origin() + path;
        for (JsonNode page : listing.path("pages")) {
            if (page.path("url").asText().equals(url)) {
                return page;
            }
        }
        throw new AssertionError("No page " + url + " in " + listing);
    }

    private static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("Harbour notes, zipped.".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
