package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enabling and disabling one chunk through the API, and what queries return afterwards. */
class ChunkToggleApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String JSON = "application/json";
    private static final String LIGHTHOUSES = "/docs/lighthouses.html";
    private static final String BEES = "/docs/bees.html";
    private static final String LIGHTHOUSE_SENTENCE =
            "The keepers of the Vardø lighthouse trimmed the paraffin wicks every evening before the winter storms.";
    private static final String BEE_SENTENCE =
            "Beekeepers in the valley move their hives uphill when the heather blooms late in August.";

    private static TestApp app;
    private static TestSite site;

    @BeforeAll
    static void start(@TempDir Path data) {
        app = TestApp.start(data);
        site = TestSite.start();
        site.page(LIGHTHOUSES, article("Lighthouses of the North", LIGHTHOUSE_SENTENCE));
        site.page(BEES, article("Valley Beekeeping", BEE_SENTENCE));
    }

    @AfterAll
    static void stop() {
        app.close();
        site.close();
    }

    @Test
    void disabledChunkLeavesQueryResultsAndEnabledChunkComesBack() {
        Kb kb = importedKb(app.newOwner());
        String dataset = datasetPath(kb, LIGHTHOUSES);
        JsonNode chunk = chunksOf(kb, dataset).get(0);
        String chunkId = chunk.path("id").asText();
        String beeChunk = chunksOf(kb, datasetPath(kb, BEES)).get(0).path("id").asText();
        assertThat(chunkIdsOf(kb.query(LIGHTHOUSE_SENTENCE, 50, 0.0))).contains(chunkId, beeChunk);

        TestApi.Response disabled = kb.api().patch(dataset + "/chunks/" + chunkId, Map.of("isEnabled", false));

        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(disabled.json().path("isEnabled").asBoolean(true)).isFalse();
        assertThat(disabled.json().path("id").asText()).isEqualTo(chunkId);
        assertThat(disabled.json().path("content")).isEqualTo(chunk.path("content"));
        assertThat(chunkIdsOf(kb.query(LIGHTHOUSE_SENTENCE, 50, 0.0)))
                .doesNotContain(chunkId)
                .contains(beeChunk);
        assertThat(disabled.json().path("indexPosition").asLong()).isPositive();
        assertThat(chunksOf(kb, dataset).get(0)).isEqualTo(withoutPosition(disabled.json()));

        TestApi.Response enabled = kb.api().patch(dataset + "/chunks/" + chunkId, Map.of("isEnabled", true));

        assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
        assertThat(enabled.json().path("indexPosition").asLong())
                .isGreaterThan(disabled.json().path("indexPosition").asLong());
        assertThat(withoutPosition(enabled.json())).isEqualTo(chunk);
        assertThat(chunkIdsOf(kb.query(LIGHTHOUSE_SENTENCE, 50, 0.0))).contains(chunkId, beeChunk);
        assertThat(chunksOf(kb, dataset).get(0)).isEqualTo(chunk);
    }

    @Test
    void settingTheSameStateTwiceKeepsIt() {
        Kb kb = importedKb(app.newOwner());
        String dataset = datasetPath(kb, BEES);
        String chunkId = chunksOf(kb, dataset).get(0).path("id").asText();

        kb.api().patch(dataset + "/chunks/" + chunkId, Map.of("isEnabled", false));
        TestApi.Response again = kb.api().patch(dataset + "/chunks/" + chunkId, Map.of("isEnabled", false));

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().path("isEnabled").asBoolean(true)).isFalse();
        assertThat(chunkIdsOf(kb.query(BEE_SENTENCE, 50, 0.0))).doesNotContain(chunkId);
    }

    @Test
    void badBodiesAreRefusedListingEveryProblemAndChangeNothing() {
        Kb kb = importedKb(app.newOwner());
        String dataset = datasetPath(kb, LIGHTHOUSES);
        JsonNode chunks = chunksOf(kb, dataset);
        String chunkPath = dataset + "/chunks/" + chunks.get(0).path("id").asText();

        assertProblems(kb.api().send("PATCH", chunkPath, "{}", JSON), Map.of("isEnabled", "is required"));
        assertProblems(
                kb.api().send("PATCH", chunkPath, "{\"isEnabled\": null}", JSON), Map.of("isEnabled", "is required"));
        assertProblems(
                kb.api().send("PATCH", chunkPath, "{\"isEnabled\": \"false\"}", JSON),
                Map.of("isEnabled", "must be true or false"));
        assertProblems(
                kb.api().send("PATCH", chunkPath, "{\"isEnabled\": false, \"enabled\": false}", JSON),
                Map.of("enabled", "is not a known field"));
        assertProblems(
                kb.api().send("PATCH", chunkPath, "{\"isEnabled\": 0, \"content\": \"x\"}", JSON),
                Map.of("isEnabled", "must be true or false", "content", "is not a known field"));
        assertProblems(kb.api().send("PATCH", chunkPath, "[false]", JSON), Map.of("body", "must be a JSON object"));
        assertThat(chunksOf(kb, dataset)).isEqualTo(chunks);
    }

    @Test
    void unknownChunkOrDatasetIsNotFound() {
        Kb kb = importedKb(app.newOwner());
        String lighthouses = datasetPath(kb, LIGHTHOUSES);
        String bees = datasetPath(kb, BEES);
        String beeChunk = chunksOf(kb, bees).get(0).path("id").asText();
        Map<String, Boolean> body = Map.of("isEnabled", false);

        assertNotFound(kb.api().patch(lighthouses + "/chunks/chunk_doesnotexist", body));
        assertNotFound(kb.api().patch(lighthouses + "/chunks/" + beeChunk, body));
        assertNotFound(kb.api().patch(kb.path() + "/datasets/dataset_doesnotexist/chunks/" + beeChunk, body));
        assertNotFound(kb.api().patch(lighthouses + "/chunks/" + "c".repeat(500), body));
        assertThat(chunksOf(kb, bees).get(0).path("isEnabled").asBoolean()).isTrue();
    }

    @Test
    void anotherOwnersChunkIsNotFoundAndStaysEnabled() {
        Kb kb = importedKb(app.newOwner());
        String dataset = datasetPath(kb, LIGHTHOUSES);
        String chunkId = chunksOf(kb, dataset).get(0).path("id").asText();
        TestApi attacker = app.newOwner();

        assertNotFound(attacker.patch(dataset + "/chunks/" + chunkId, Map.of("isEnabled", false)));
        assertThat(chunksOf(kb, dataset).get(0).path("isEnabled").asBoolean()).isTrue();
        assertThat(chunkIdsOf(kb.query(LIGHTHOUSE_SENTENCE, 50, 0.0))).contains(chunkId);
    }

    private static Kb importedKb(TestApi api) {
        Kb kb = Kb.create(api);
        List<String> urls =
                List.of(site.url(LIGHTHOUSES).toString(), site.url(BEES).toString());
        JsonNode job = kb.awaitFinished(kb.crawl(Map.of("urls", urls)), WITHIN);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.path("done").asLong()).as(job.toString()).isEqualTo(urls.size());
        return kb;
    }

    /** The API path of the dataset of the page at {@code pagePath}. */
    private static String datasetPath(Kb kb, String pagePath) {
        String url = site.url(pagePath).toString();
        for (JsonNode dataset : kb.datasets()) {
            if (dataset.path("sourceUrl").asText().equals(url)) {
                return kb.path() + "/datasets/" + dataset.path("id").asText();
            }
        }
        throw new AssertionError("no dataset of " + url);
    }

    private static JsonNode chunksOf(Kb kb, String datasetPath) {
        TestApi.Response response = kb.api().get(datasetPath + "/chunks");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json()).isNotEmpty();
        return response.json();
    }

    private static List<String> chunkIdsOf(JsonNode hits) {
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.path("id").asText()));
        return ids;
    }

    private static void assertProblems(TestApi.Response response, Map<String, String> problems) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        JsonNode error = response.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo("bad_request");
        Map<String, String> details = new LinkedHashMap<>();
        error.path("details")
                .properties()
                .forEach(e -> details.put(e.getKey(), e.getValue().asText()));
        assertThat(details).as(response.text()).isEqualTo(problems);
    }

    private static void assertNotFound(TestApi.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(404);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("not_found");
    }

    private static String article(String title, String sentence) {
        return "<!doctype html><html><head><title>" + title + "</title></head><body><main><h1>" + title + "</h1><p>"
                + sentence + "</p></main></body></html>";
    }

    /** A chunk as listed: the {@code indexPosition} of the change is only in the answer to the change. */
    private static com.fasterxml.jackson.databind.JsonNode withoutPosition(
            com.fasterxml.jackson.databind.JsonNode chunk) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = chunk.deepCopy();
        copy.remove("indexPosition");
        return copy;
    }
}
