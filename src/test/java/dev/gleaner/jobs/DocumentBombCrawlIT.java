package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.DocumentBombs;
import dev.gleaner.ingest.DocumentFixtures;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawled site that links compression bombs next to ordinary pages: the crawl goes on and completes, each bomb's page
 * ends failed with a neutral reason, a parser process dies instead of the service, and documents are read again after.
 */
class DocumentBombCrawlIT {
    private static final int PAGES = 6;
    /** A parser heap small enough that the PDF bomb's font file cannot fit in it. */
    private static final int PARSER_HEAP_MB = 128;

    @TempDir
    Path data;

    @Test
    void bombsFailAlonePagesAroundThemAreIngestedAndTheParserPoolRecovers() {
        try (TestApp app = TestApp.start(data, config -> config.withParsing(p -> p.withProcesses(2, PARSER_HEAP_MB)));
                TestSite site = TestSite.start()) {
            serveSite(site);
            TestApi api = app.newOwner();
            Kb kb = Kb.create(api, Map.of("chunkSize", 400, "chunkOverlap", 0));

            String jobId = kb.crawl(
                    Map.of("url", site.url("/docs/").toString(), "limit", 50, "maxDepth", 2, "sitemap", "skip"));
            JsonNode job = kb.awaitFinished(jobId, Duration.ofMinutes(4));

            assertThat(job.path("status").asText()).isEqualTo("completed");
            Map<String, JsonNode> pages = pagesByPath(api, kb, jobId);
            for (int i = 1; i <= PAGES; i++) {
                assertThat(page(pages, "/docs/page-" + i + ".html")
                                .path("outcome")
                                .asText())
                        .isEqualTo("ingested");
            }
            assertThat(page(pages, "/docs/guide.pdf").path("outcome").asText()).isEqualTo("ingested");
            assertThat(page(pages, "/docs/manual.docx").path("outcome").asText())
                    .isEqualTo("ingested");
            assertThat(page(pages, "/docs/bomb.docx").path("outcome").asText()).isEqualTo("failed");
            assertThat(page(pages, "/docs/bomb.docx").path("reason").asText())
                    .isEqualTo("The document is too large when unpacked: a part of it unpacks to more than 100 times"
                            + " its packed size");
            assertThat(page(pages, "/docs/bomb.pdf").path("outcome").asText()).isEqualTo("failed");
            assertThat(page(pages, "/docs/bomb.pdf").path("reason").asText())
                    .isIn(
                            "The document is too large when unpacked: reading it needs more than the " + PARSER_HEAP_MB
                                    + " MB of memory a document may use",
                            "Parsing took longer than 30 s: the document is too large or too complex");
            assertThat(page(pages, "/docs/sheet.xlsx").path("outcome").asText()).isEqualTo("unsupported");
            assertThat(job.path("failed").asLong()).isEqualTo(3);

            // The PDF bomb ended a parser process, not the service.
            String metrics = api.get("/metrics").text();
            assertThat(metricValue(metrics, "gleaner_parser_processes_lost_total"))
                    .isEqualTo(1);

            // The DOCX's own structure: its title style names the dataset, its headings the chunks' heading paths.
            JsonNode manual = datasetWithFilename(kb, "manual.docx");
            assertThat(manual.path("title").asText()).isEqualTo("Crawled Manual");
            JsonNode chunks = api.get(
                            kb.path() + "/datasets/" + manual.path("id").asText() + "/chunks")
                    .json();
            assertThat(headingPathOf(chunks, "rotate the keys")).containsExactly("Security", "Keys");

            // The pool reads documents again after the bomb: a PDF uploaded now is parsed.
            TestApi.Response upload = api.upload(
                    kb.path() + "/datasets",
                    "dataset",
                    "after.pdf",
                    "application/pdf",
                    DocumentFixtures.pdf("After", List.of(List.of("Read after the bomb went off."))));
            assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        }
    }

    private static void serveSite(TestSite site) {
        StringBuilder index = new StringBuilder("<!doctype html><html><head><title>Docs</title></head><body><main>"
                + "<h1>Documents</h1><p>Everything we publish, as pages and files.</p><ul>");
        for (int i = 1; i <= PAGES; i++) {
            index.append("<li><a href=\"page-")
                    .append(i)
                    .append(".html\">Page ")
                    .append(i)
                    .append("</a></li>");
            site.page(
                    "/docs/page-" + i + ".html",
                    "<!doctype html><html><head><title>Page " + i + "</title></head><body><main><h1>Page " + i
                            + "</h1><p>Harbour note number " + i + ": the pilot boards at the outer buoy when the"
                            + " tide turns, and the ferry number " + i
                            + " waits at the quay.</p></main></body></html>");
        }
        for (String file : List.of("guide.pdf", "manual.docx", "bomb.docx", "bomb.pdf", "sheet.xlsx")) {
            index.append("<li><a href=\"")
                    .append(file)
                    .append("\">")
                    .append(file)
                    .append("</a></li>");
        }
        site.page("/docs/", index.append("</ul></main></body></html>").toString());
        site.respond(
                "/docs/guide.pdf",
                200,
                "application/pdf",
                DocumentFixtures.pdf("Guide", List.of(List.of("Mooring lines are inspected every month."))),
                Map.of());
        site.respond(
                "/docs/manual.docx",
                200,
                DocumentBombs.DOCX_TYPE,
                new DocumentFixtures.Docx()
                        .styled("Title", "Title", "Crawled Manual")
                        .heading(1, "Security")
                        .paragraph(
                                "Access to the signing service is limited to two named operators per site. ".repeat(4))
                        .heading(2, "Keys")
                        .paragraph("Operators rotate the keys of the signing service every ninety days. ".repeat(4))
                        .bytes(),
                Map.of());
        site.respond("/docs/bomb.docx", 200, DocumentBombs.DOCX_TYPE, DocumentBombs.docx(15_000_000), Map.of());
        site.respond("/docs/bomb.pdf", 200, "application/pdf", DocumentBombs.pdf(256L * 1024 * 1024), Map.of());
        site.respond("/docs/sheet.xlsx", 200, DocumentBombs.XLSX_TYPE, DocumentBombs.xlsx(5_000_000), Map.of());
    }

    private static Map<String, JsonNode> pagesByPath(TestApi api, Kb kb, String jobId) {
        Map<String, JsonNode> byPath = new HashMap<>();
        for (JsonNode page : api.get(kb.path() + "/crawl/jobs/" + jobId + "/pages?limit=100")
                .json()
                .path("pages")) {
            byPath.put(java.net.URI.create(page.path("url").asText()).getPath(), page);
        }
        return byPath;
    }

    private static JsonNode page(Map<String, JsonNode> pages, String path) {
        JsonNode page = pages.get(path);
        if (page == null) {
            throw new AssertionError("the job has no page " + path + ": " + pages.keySet());
        }
        return page;
    }

    private static JsonNode datasetWithFilename(Kb kb, String filename) {
        for (JsonNode dataset : kb.datasets()) {
            if (dataset.path("filename").asText().equals(filename)) {
                return dataset;
            }
        }
        throw new AssertionError("no dataset " + filename + " in " + kb.datasets());
    }

    private static List<String> headingPathOf(JsonNode chunks, String text) {
        for (JsonNode chunk : chunks) {
            if (chunk.path("content").asText().contains(text)) {
                List<String> path = new ArrayList<>();
                chunk.path("headingPath").forEach(title -> path.add(title.asText()));
                return path;
            }
        }
        throw new AssertionError("no chunk holds '" + text + "': " + chunks);
    }

    private static long metricValue(String metrics, String name) {
        for (String line : metrics.lines().toList()) {
            if (line.startsWith(name + " ")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + name + " in " + metrics);
    }
}
