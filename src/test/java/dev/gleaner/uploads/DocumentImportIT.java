package dev.gleaner.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.DocumentFixtures;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDFs are imported like pages; an unreadable one ends as a failure with its reason, and binaries as unsupported. */
class DocumentImportIT {
    @TempDir
    Path data;

    @Test
    void pdfsAreSearchableAndBadFilesEndWithNamedOutcomes() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.withGeneratedSite(1)) {
            site.respond(
                    "/guide.pdf",
                    200,
                    "application/pdf",
                    DocumentFixtures.pdf(
                            "Operator guide",
                            List.of(
                                    List.of("Rotating the signing keys happens every ninety days."),
                                    List.of("Backups of the ledger are kept for seven years in cold storage."))),
                    Map.of());
            site.respond(
                    "/broken.pdf",
                    200,
                    "application/pdf",
                    "%PDF-1.7 this is not really a PDF".getBytes(StandardCharsets.US_ASCII),
                    Map.of());
            TestApi api = app.newOwner();
            Kb kb = Kb.create(api);

            String jobId = kb.crawl(Map.of(
                    "urls",
                    List.of(
                            site.url("/guide.pdf").toString(),
                            site.url("/broken.pdf").toString(),
                            site.url("/binary").toString())));
            JsonNode job = kb.awaitFinished(jobId, Duration.ofSeconds(60));

            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(job.path("done").asLong()).isEqualTo(1);
            assertThat(job.path("failed").asLong()).isEqualTo(2);
            JsonNode dataset = kb.datasets().get(0);
            assertThat(dataset.path("extensionType").asText()).isEqualTo("pdf");
            assertThat(dataset.path("title").asText()).isEqualTo("Operator guide");
            JsonNode hits = kb.query("How long are ledger backups kept in cold storage?", 1, 0.0);
            assertThat(hits.get(0).path("content").asText()).contains("seven years");
            JsonNode pages = api.get(kb.path() + "/crawl/jobs/" + jobId + "/pages")
                    .json()
                    .path("pages");
            assertThat(pages).hasSize(3);
            for (JsonNode page : pages) {
                String url = page.path("url").asText();
                String expected =
                        url.endsWith("guide.pdf") ? "ingested" : url.endsWith("broken.pdf") ? "failed" : "unsupported";
                assertThat(page.path("outcome").asText()).as(url).isEqualTo(expected);
                if (!expected.equals("ingested")) {
                    assertThat(page.path("reason").asText()).as(url).isNotBlank();
                }
            }
        }
    }
}
