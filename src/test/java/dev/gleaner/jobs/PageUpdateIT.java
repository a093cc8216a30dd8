package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing a page the knowledgebase already holds: changed content updates its dataset in place (same id, new chunks
 * searchable, old ones gone), unchanged content is not embedded again, and a page that now fails leaves its dataset.
 */
class PageUpdateIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String PAGE = "/guide.html";

    private final CountingEmbedder embedder = new CountingEmbedder(new HashingEmbedder(TestApp.MODEL, 384));
    private TestApp app;
    private TestSite site;

    @BeforeEach
    void start(@TempDir Path data) {
        app = TestApp.start(TestApp.config(data), embedder);
        site = TestSite.start();
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
    }

    @Test
    void aChangedPageUpdatesItsDatasetInPlaceAndOnlyTheNewContentIsFound() {
        Kb kb = Kb.create(app.newOwner());
        site.page(PAGE, article("Zebra migration", "Zebras cross the Mara river every July in great herds."));
        JsonNode first = crawl(kb);
        String datasetId = onlyDataset(kb).path("id").asText();
        assertThat(contents(kb.query("zebras crossing the river", 10, 0.0))).anyMatch(c -> c.contains("Zebras"));

        site.page(PAGE, article("Quokka habits", "Quokkas on Rottnest Island forage at night for leaves."));
        JsonNode second = crawl(kb);

        JsonNode dataset = onlyDataset(kb);
        assertThat(first.path("done").asLong()).isEqualTo(1);
        assertThat(second.path("done").asLong()).as(second.toString()).isEqualTo(1);
        assertThat(outcomes(kb, second)).containsExactly("updated");
        assertThat(dataset.path("id").asText()).isEqualTo(datasetId);
        assertThat(dataset.path("jobId").asText())
                .isEqualTo(second.path("jobId").asText());
        assertThat(dataset.path("title").asText()).contains("Quokka");
        assertThat(contents(kb.api()
                        .get(kb.path() + "/datasets/" + datasetId + "/chunks")
                        .json()))
                .allMatch(c -> c.contains("Quokkas") && !c.contains("Zebras"));
        assertThat(contents(kb.query("quokkas forage at night", 10, 0.0))).anyMatch(c -> c.contains("Quokkas"));
        assertThat(contents(kb.query("zebras crossing the river", 10, 0.0))).noneMatch(c -> c.contains("Zebras"));
    }

    @Test
    void anUnchangedPageIsNotEmbeddedAgain() {
        Kb kb = Kb.create(app.newOwner());
        site.page(PAGE, article("Zebra migration", "Zebras cross the Mara river every July in great herds."));
        crawl(kb);
        JsonNode before = onlyDataset(kb);
        long embeddedBefore = embedder.texts();

        JsonNode again = crawl(kb);

        assertThat(outcomes(kb, again)).containsExactly("unchanged");
        assertThat(again.path("done").asLong()).isEqualTo(1);
        assertThat(embedder.texts()).as("texts embedded").isEqualTo(embeddedBefore);
        assertThat(onlyDataset(kb)).isEqualTo(before);
    }

    @Test
    void aPageThatNowFailsLeavesItsDatasetAsItWas() {
        Kb kb = Kb.create(app.newOwner());
        site.page(PAGE, article("Zebra migration", "Zebras cross the Mara river every July in great herds."));
        crawl(kb);
        JsonNode before = onlyDataset(kb);
        String chunksPath = kb.path() + "/datasets/" + before.path("id").asText() + "/chunks";
        JsonNode chunksBefore = kb.api().get(chunksPath).json();

        site.respond(
                PAGE,
                404,
                "text/html",
                "<html>gone</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of());
        JsonNode failed = crawl(kb);

        assertThat(failed.path("failed").asLong()).isEqualTo(1);
        assertThat(outcomes(kb, failed)).containsExactly("failed");
        assertThat(onlyDataset(kb)).isEqualTo(before);
        assertThat(kb.api().get(chunksPath).json()).isEqualTo(chunksBefore);
        assertThat(contents(kb.query("zebras crossing the river", 10, 0.0))).anyMatch(c -> c.contains("Zebras"));
    }

    @Test
    void aDisabledChunkWhoseTextRemainsStaysDisabled() {
        Kb kb = Kb.create(app.newOwner(), Map.of("chunkSize", 200, "chunkOverlap", 0));
        String kept = "## Kept\n\nThe kept section says the ferry leaves the harbour at seven every morning.";
        site.page(
                PAGE,
                page("<h2>Kept</h2><p>The kept section says the ferry leaves the harbour at seven every"
                        + " morning.</p><h2>Changing</h2><p>The changing section says tickets cost four euros.</p>"));
        crawl(kb);
        String datasetPath =
                kb.path() + "/datasets/" + onlyDataset(kb).path("id").asText();
        JsonNode chunks = kb.api().get(datasetPath + "/chunks").json();
        assertThat(chunks.size()).as(chunks.toString()).isGreaterThan(1);
        String keptId = chunkContaining(chunks, "ferry").path("id").asText();
        TestApi.Response disabled = kb.api().patch(datasetPath + "/chunks/" + keptId, Map.of("isEnabled", false));
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);

        site.page(
                PAGE,
                page(
                        "<h2>Kept</h2><p>The kept section says the ferry leaves the harbour at seven every"
                                + " morning.</p><h2>Changing</h2><p>The changing section now says tickets cost nine euros.</p>"));
        JsonNode second = crawl(kb);

        JsonNode after = kb.api().get(datasetPath + "/chunks").json();
        assertThat(outcomes(kb, second)).containsExactly("updated");
        assertThat(chunkContaining(after, "ferry").path("isEnabled").asBoolean())
                .as(kept)
                .isFalse();
        assertThat(chunkContaining(after, "nine euros").path("isEnabled").asBoolean())
                .isTrue();
    }

    private JsonNode crawl(Kb kb) {
        String jobId = kb.crawl(Map.of("url", site.url(PAGE).toString()));
        JsonNode job = kb.awaitFinished(jobId, WITHIN);
        assertThat(job.path("status").asText()).as(job.toString()).isIn("completed", "failed");
        return job;
    }

    private static JsonNode onlyDataset(Kb kb) {
        JsonNode datasets = kb.datasets();
        assertThat(datasets.size()).as(datasets.toString()).isEqualTo(1);
        return datasets.get(0);
    }

    private static List<String> outcomes(Kb kb, JsonNode job) {
        JsonNode pages = kb.api()
                .get(kb.path() + "/crawl/jobs/" + job.path("jobId").asText() + "/pages")
                .json()
                .path("pages");
        List<String> outcomes = new ArrayList<>();
        pages.forEach(page -> outcomes.add(page.path("outcome").asText()));
        return outcomes;
    }

    /** The {@code content} of every element of a query's results or a chunk listing. */
    private static List<String> contents(JsonNode items) {
        assertThat(items.isArray()).as(items.toString()).isTrue();
        List<String> contents = new ArrayList<>();
        items.forEach(item -> contents.add(item.path("content").asText()));
        return contents;
    }

    private static JsonNode chunkContaining(JsonNode chunks, String text) {
        for (JsonNode chunk : chunks) {
            if (chunk.path("content").asText().contains(text)) {
                return chunk;
            }
        }
        throw new AssertionError("No chunk contains '" + text + "': " + chunks);
    }

    private static String article(String title, String sentence) {
        return "<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>" + sentence
                + "</p></article></body></html>";
    }

    private static String page(String body) {
        return "<html><head><title>Ferry</title></head><body><article><h1>Ferry</h1>" + body
                + "</article></body></html>";
    }
}
