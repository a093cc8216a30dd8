package dev.gleaner.pipeline;

import static dev.gleaner.testsite.MislabelledSite.BINARY_AS_HTML;
import static dev.gleaner.testsite.MislabelledSite.DOCX_AS_TEXT;
import static dev.gleaner.testsite.MislabelledSite.DOCX_SENTENCE;
import static dev.gleaner.testsite.MislabelledSite.DOUBLE_GZIP;
import static dev.gleaner.testsite.MislabelledSite.DOUBLE_GZIP_SENTENCE;
import static dev.gleaner.testsite.MislabelledSite.PDF_AS_OCTET_STREAM;
import static dev.gleaner.testsite.MislabelledSite.PDF_SENTENCE;
import static dev.gleaner.testsite.MislabelledSite.PNG_AS_HTML;
import static dev.gleaner.testsite.MislabelledSite.SHIFT_JIS_META_ONLY;
import static dev.gleaner.testsite.MislabelledSite.SHIFT_JIS_SENTENCE;
import static dev.gleaner.testsite.MislabelledSite.UNDECODABLE;
import static dev.gleaner.testsite.MislabelledSite.UTF16LE_SENTENCE;
import static dev.gleaner.testsite.MislabelledSite.UTF16LE_WITH_BOM;
import static dev.gleaner.testsite.MislabelledSite.WINDOWS_1252_AS_UTF8;
import static dev.gleaner.testsite.MislabelledSite.WINDOWS_1252_SENTENCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.MislabelledSite;
import dev.gleaner.testsite.TestSite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crawl, through the whole application, of a site that mislabels its content: binary bytes and images served as
 * HTML end {@code unsupported} naming what the bytes are; documents served as generic bytes or plain text, pages in
 * another charset than declared (or declared only in the page), UTF-16 with a byte-order mark and a body compressed
 * twice are ingested with their exact text; text that no charset decodes ends {@code failed} with the charsets tried.
 */
class MislabelledContentCrawlIT {
    @TempDir
    Path data;

    @Test
    void eachMislabelledPageEndsWithItsOutcomeAndReasonAndReadPagesKeepTheirExactText() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.start()) {
            MislabelledSite.serve(site);
            TestApi api = app.newOwner();
            Kb kb = Kb.create(api, Map.of("chunkSize", 400, "chunkOverlap", 0));

            String jobId = kb.crawl(Map.of(
                    "url", site.url(MislabelledSite.ROOT).toString(), "limit", 20, "maxDepth", 1, "sitemap", "skip"));
            JsonNode job = kb.awaitFinished(jobId, Duration.ofMinutes(3));

            assertThat(job.path("status").asText()).isEqualTo("completed");
            Map<String, JsonNode> pages = pagesByPath(api, kb, jobId);
            assertThat(pages.keySet()).containsAll(MislabelledSite.cases());

            assertOutcome(pages, BINARY_AS_HTML, "unsupported");
            assertThat(reason(pages, BINARY_AS_HTML))
                    .startsWith("The body is binary data (application/octet-stream: ")
                    .contains("although the server labelled it text/html; it is not read as text");
            assertOutcome(pages, PNG_AS_HTML, "unsupported");
            assertThat(reason(pages, PNG_AS_HTML))
                    .isEqualTo("The body is image/png by its bytes although the server labelled it text/html; images"
                            + " are not indexed. Leave such URLs out of the crawl (excludePaths), or have the server"
                            + " send the content it names");
            assertOutcome(pages, UNDECODABLE, "failed");
            assertThat(reason(pages, UNDECODABLE))
                    .startsWith("The text could not be decoded: as UTF-8 (from the Content-Type header) ")
                    .contains("as windows-1252")
                    .endsWith("The server should send it in the charset its Content-Type header or <meta charset>"
                            + " names");

            Map<String, String> ingested = Map.of(
                    PDF_AS_OCTET_STREAM, PDF_SENTENCE,
                    DOCX_AS_TEXT, DOCX_SENTENCE,
                    WINDOWS_1252_AS_UTF8, WINDOWS_1252_SENTENCE,
                    SHIFT_JIS_META_ONLY, SHIFT_JIS_SENTENCE,
                    UTF16LE_WITH_BOM, UTF16LE_SENTENCE,
                    DOUBLE_GZIP, DOUBLE_GZIP_SENTENCE);
            ingested.forEach((path, sentence) -> {
                assertOutcome(pages, path, "ingested");
                assertThat(chunkTexts(api, kb, site.url(path))).as(path).anySatisfy(text -> assertThat(text)
                        .contains(sentence));
            });
            // Documents are stored as what their bytes are, not as what they were labelled.
            assertThat(dataset(kb, site.url(PDF_AS_OCTET_STREAM))
                            .path("extensionType")
                            .asText())
                    .isEqualTo("pdf");
            assertThat(dataset(kb, site.url(DOCX_AS_TEXT)).path("extensionType").asText())
                    .isEqualTo("docx");
            assertThat(job.path("failed").asLong()).isEqualTo(3);
        }
    }

    private static void assertOutcome(Map<String, JsonNode> pages, String path, String outcome) {
        assertThat(page(pages, path).path("outcome").asText())
                .as(path + ": " + page(pages, path))
                .isEqualTo(outcome);
    }

    private static String reason(Map<String, JsonNode> pages, String path) {
        return page(pages, path).path("reason").asText();
    }

    private static Map<String, JsonNode> pagesByPath(TestApi api, Kb kb, String jobId) {
        Map<String, JsonNode> byPath = new HashMap<>();
        for (JsonNode page : api.get(kb.path() + "/crawl/jobs/" + jobId + "/pages?limit=100")
                .json()
                .path("pages")) {
            byPath.put(URI.create(page.path("url").asText()).getPath(), page);
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

    private static List<String> chunkTexts(TestApi api, Kb kb, URI pageUrl) {
        List<String> texts = new ArrayList<>();
        api.get(kb.path() + "/datasets/" + dataset(kb, pageUrl).path("id").asText() + "/chunks")
                .json()
                .forEach(chunk -> texts.add(chunk.path("content").asText()));
        return texts;
    }

    private static JsonNode dataset(Kb kb, URI pageUrl) {
        for (JsonNode dataset : kb.datasets()) {
            if (dataset.path("fileUrl").asText().equals(pageUrl.toString())) {
                return dataset;
            }
        }
        throw new AssertionError("no dataset of " + pageUrl + " in " + kb.datasets());
    }
}
