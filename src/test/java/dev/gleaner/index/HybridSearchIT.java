package dev.gleaner.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.ingest.MiniLmEmbedder;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hybrid retrieval with the real model: a question naming an error code finds the page that lists the code first,
 * although the embedding alone prefers a page about the question's general topic, because BM25 matches the code.
 */
class HybridSearchIT {
    private static final String CODE = "E4031";
    private static final String QUESTION = "upload error " + CODE;
    private static final String REFERENCE_TITLE = "Error code reference";
    private static final Map<String, String> PAGES = Map.of(
            "Upload troubleshooting",
            "When an upload fails, check your network connection, make sure the file is not open in another program,"
                    + " and try the upload again. Most upload errors are temporary and go away on a second attempt."
                    + " If the upload error persists, contact support with the time of the failed upload.",
            REFERENCE_TITLE,
            "E1001: the workspace was not found. E2207: the account is locked after too many sign-in attempts. "
                    + CODE + ": the signed token has expired; request a new one. E5120: the service is under"
                    + " maintenance. E6003: the export is still being prepared.",
            "Uploading large files",
            "Files above 2 GB are sent in parts of 64 MB. Each part is retried on its own when a network problem"
                    + " interrupts it, so a large upload resumes where it stopped instead of starting over.",
            "Sharing a workspace",
            "Invite colleagues from the Members page. Each member is a viewer, an editor or an owner; only owners"
                    + " can invite others or remove them.",
            "Billing",
            "Invoices are issued on the first day of each month and paid by credit card or bank transfer.");

    @Test
    void anErrorCodeTheEmbeddingMissesRanksFirst(@TempDir Path data) {
        MiniLmEmbedder model = new MiniLmEmbedder();
        String kbId;
        String hybridFirst;
        try (TestApp app = TestApp.start(TestApp.config(data), model);
                TestSite site = TestSite.start()) {
            List<String> urls = new ArrayList<>();
            int page = 0;
            for (Map.Entry<String, String> entry : PAGES.entrySet()) {
                String path = "/docs/page-" + page++ + ".html";
                site.page(path, docPage(entry.getKey(), entry.getValue()));
                urls.add(site.url(path).toString());
            }
            Kb kb = Kb.create(app.newOwner());
            JsonNode job = kb.awaitFinished(kb.crawl(Map.of("urls", urls)), Duration.ofMinutes(2));
            assertThat(job.path("done").asLong()).isEqualTo(PAGES.size());

            JsonNode hits = kb.query(QUESTION, 5, 0.3);

            assertThat(hits).isNotEmpty();
            assertThat(hits.get(0).path("title").asText()).isEqualTo(REFERENCE_TITLE);
            assertThat(hits.get(0).path("content").asText()).contains(CODE);
            assertThat(hits.get(0).path("score").asDouble()).isGreaterThan(0.5);
            kbId = kb.id();
            hybridFirst = hits.get(0).path("id").asText();
        }
        try (LuceneIndex index = LuceneIndex.open(data.resolve("index"))) {
            float[] vector = model.embed(List.of(QUESTION)).getFirst();
            List<IndexHit> dense = index.nearest(kbId, vector, PAGES.size());
            assertThat(dense).as("the embedding alone ranks another page first").isNotEmpty();
            assertThat(dense.getFirst().chunkId()).isNotEqualTo(hybridFirst);
            assertThat(index.matching(kbId, CODE, PAGES.size()))
                    .extracting(IndexHit::chunkId)
                    .containsExactly(hybridFirst);
        }
    }

    private static String docPage(String title, String text) {
        return "<!doctype html><html><head><title>" + title + "</title></head><body><main><h1>" + title + "</h1><p>"
                + text + "</p></main></body></html>";
    }
}
