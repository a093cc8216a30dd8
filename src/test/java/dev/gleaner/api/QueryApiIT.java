package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.index.Retriever;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query route over a knowledgebase holding a crawled site: parameter bounds and defaults, and results that are
 * relevant chunks ordered by score, each carrying its source.
 */
class QueryApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final int PAGES = 8;
    /** Words common to every generated page, so that many chunks score above zero. */
    private static final String BROAD_QUESTION = "notes gathered for the collection and letters from a reader";

    private static TestApp app;
    private static TestSite site;
    private static Kb kb;
    /** The knowledgebase's datasets by id. */
    private static final Map<String, JsonNode> DATASETS = new HashMap<>();

    private static int chunkCount;

    @BeforeAll
    static void start(@TempDir Path data) {
        app = TestApp.start(data);
        site = TestSite.withGeneratedSite(PAGES);
        kb = Kb.create(app.newOwner());
        String jobId = kb.crawl(Map.of("url", site.siteUrl().toString()));
        JsonNode job = kb.awaitFinished(jobId, WITHIN);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.path("done").asLong()).isEqualTo(PAGES);
        kb.datasets().forEach(d -> DATASETS.put(d.path("id").asText(), d));
        chunkCount = kb.api().get(kb.path()).json().path("chunkCount").asInt();
        assertThat(chunkCount)
                .as("enough chunks to fill every topK asked below")
                .isGreaterThan(20);
    }

    @AfterAll
    static void stop() {
        app.close();
        site.close();
    }

    @Test
    void questionIsRequiredAndBounded() {
        assertRefused("", "q");
        assertRefused("?topK=3", "q");
        assertRefused("?q=", "q");
        assertRefused("?q=" + encode("   "), "q");
        TestApi.Response tooLong = query("?q=" + "a".repeat(2_001));
        assertThat(tooLong.json().path("error").path("details").path("q").asText())
                .isEqualTo("must be at most 2000 characters");
        assertThat(tooLong.status()).isEqualTo(400);

        TestApi.Response longest = query("?q=" + "a".repeat(2_000));
        assertThat(longest.status()).as(longest.text()).isEqualTo(200);
        TestApi.Response unicode = query("?q=" + encode("Tromsø? «notes» & letters/#1"));
        assertThat(unicode.status()).as(unicode.text()).isEqualTo(200);
    }

    @Test
    void topKMustBeAnIntegerFromOneToFifty() {
        for (String topK : List.of("0", "51", "-1", "ten", "2.5", "", "99999999999")) {
            assertRefused("?q=notes&topK=" + topK, "topK");
        }
        assertThat(results("?q=notes&topK=1&scoreThreshold=0")).hasSize(1);
        assertThat(results("?q=notes&topK=50&scoreThreshold=0")).hasSizeBetween(1, 50);
    }

    @Test
    void scoreThresholdMustBeANumberFromZeroToOne() {
        for (String threshold : List.of("-0.1", "1.01", "2", "high", "NaN", "Infinity", "1e5", "")) {
            assertRefused("?q=notes&scoreThreshold=" + threshold, "scoreThreshold");
        }
        for (String threshold : List.of("0", "1", "0.5", "1e-1", ".25")) {
            TestApi.Response response = query("?q=notes&scoreThreshold=" + threshold);
            assertThat(response.status())
                    .as(threshold + " → " + response.text())
                    .isEqualTo(200);
        }
    }

    @Test
    void everyProblemIsListedAtOnce() {
        TestApi.Response response = query("?topK=0&scoreThreshold=2");

        assertThat(response.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().path("error").path("details").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("q", "topK", "scoreThreshold");
    }

    @Test
    void topKDefaultsToFive() {
        JsonNode defaulted = results("?q=" + encode(BROAD_QUESTION) + "&scoreThreshold=0");

        assertThat(defaulted).hasSize(5);
        assertThat(defaulted).isEqualTo(results("?q=" + encode(BROAD_QUESTION) + "&topK=5&scoreThreshold=0"));
    }

    @Test
    void scoreThresholdDefaultsToTheRetrieversDefault() {
        String q = "?q=" + encode(site.site().paragraphs(2).getFirst());
        JsonNode everything = results(q + "&topK=50&scoreThreshold=0");

        JsonNode defaulted = results(q + "&topK=50");

        List<JsonNode> expected = new ArrayList<>();
        everything.forEach(hit -> {
            if (hit.path("score").asDouble() >= Retriever.DEFAULT_THRESHOLD) {
                expected.add(hit);
            }
        });
        assertThat(expected)
                .as("the question finds chunks on both sides of the default")
                .isNotEmpty()
                .hasSizeLessThan(everything.size());
        assertThat(defaulted).containsExactlyElementsOf(expected);
        assertThat(results(q + "&topK=50&scoreThreshold=" + Retriever.DEFAULT_THRESHOLD))
                .isEqualTo(defaulted);
        assertThat(results(q)).containsExactlyElementsOf(expected.subList(0, Math.min(5, expected.size())));
    }

    @Test
    void resultsAreOrderedByScoreWithinBoundsAndAtMostTopK() {
        for (double threshold : new double[] {0.0, 0.1, 0.25, 0.5, 1.0}) {
            for (int topK : new int[] {1, 3, 10, 50}) {
                JsonNode hits =
                        results("?q=" + encode(BROAD_QUESTION) + "&topK=" + topK + "&scoreThreshold=" + threshold);
                String what = "topK " + topK + ", threshold " + threshold;
                assertThat(hits.size()).as(what).isLessThanOrEqualTo(topK);
                if (threshold == 0.0) {
                    assertThat(hits.size()).as(what).isEqualTo(Math.min(topK, chunkCount));
                }
                double previous = 1.0;
                for (JsonNode hit : hits) {
                    double score = hit.path("score").asDouble();
                    assertThat(score).as(what).isBetween(threshold, 1.0).isLessThanOrEqualTo(previous);
                    previous = score;
                }
            }
        }
        JsonNode ten = results("?q=" + encode(BROAD_QUESTION) + "&topK=10&scoreThreshold=0");
        JsonNode three = results("?q=" + encode(BROAD_QUESTION) + "&topK=3&scoreThreshold=0");
        assertThat(three).containsExactly(ten.get(0), ten.get(1), ten.get(2));
    }

    @Test
    void resultsCarryTheirChunkAndSource() {
        int page = 4;
        String ownParagraph = site.site().paragraphs(page).getLast();

        JsonNode hits = results("?q=" + encode(ownParagraph) + "&topK=5&scoreThreshold=0");

        assertThat(hits).isNotEmpty();
        JsonNode best = hits.get(0);
        String datasetId = best.path("datasetId").asText();
        JsonNode dataset = dataset(datasetId);
        assertThat(best.path("sourceUrl").asText())
                .isEqualTo(site.url(GeneratedSite.path(page)).toString())
                .isEqualTo(dataset.path("sourceUrl").asText());
        assertThat(best.path("title").asText())
                .isEqualTo(dataset.path("title").asText())
                .contains(site.site().title(page));
        assertThat(best.path("content").asText()).contains(ownParagraph);
        assertThat(best.path("score").asDouble()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        for (JsonNode hit : hits) {
            JsonNode chunk = chunkOf(hit);
            assertThat(hit.path("content").asText())
                    .isEqualTo(chunk.path("content").asText());
            assertThat(hit.path("contentLength").asInt())
                    .isEqualTo(hit.path("content").asText().length());
            assertThat(hit.path("position").asInt())
                    .isEqualTo(chunk.path("position").asInt());
            assertThat(hit.path("isEnabled").asBoolean()).isTrue();
            assertThat(hit.path("sourceUrl").asText())
                    .isEqualTo(dataset(hit.path("datasetId").asText())
                            .path("sourceUrl")
                            .asText());
        }
    }

    @Test
    void emptyKnowledgebaseAnswersAnEmptyList() {
        Kb empty = Kb.create(app.newOwner());

        assertThat(empty.query("anything at all", 5, 0.0)).isEmpty();
        assertThat(empty.query("anything at all", 50, 0.0).isArray()).isTrue();
    }

    private static JsonNode dataset(String id) {
        JsonNode dataset = DATASETS.get(id);
        if (dataset == null) {
            throw new AssertionError("dataset " + id + " is not one of the knowledgebase's");
        }
        return dataset;
    }

    /** The chunk a query hit is, read from its dataset's chunks. */
    private static JsonNode chunkOf(JsonNode hit) {
        JsonNode chunks = kb.api()
                .get(kb.path() + "/datasets/" + hit.path("datasetId").asText() + "/chunks")
                .json();
        for (JsonNode chunk : chunks) {
            if (chunk.path("id").asText().equals(hit.path("id").asText())) {
                return chunk;
            }
        }
        throw new AssertionError("hit " + hit.path("id").asText() + " is not among its dataset's chunks");
    }

    private static TestApi.Response query(String parameters) {
        return kb.api().get(kb.path() + "/query" + parameters);
    }

    private static JsonNode results(String parameters) {
        TestApi.Response response = query(parameters);
        assertThat(response.status()).as(parameters + " → " + response.text()).isEqualTo(200);
        assertThat(response.json().isArray()).isTrue();
        return response.json();
    }

    private static void assertRefused(String parameters, String field) {
        TestApi.Response response = query(parameters);
        assertThat(response.status()).as(parameters + " → " + response.text()).isEqualTo(400);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("bad_request");
        assertThat(response.json().path("error").path("details").has(field))
                .as(parameters + " → " + response.text())
                .isTrue();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
