package dev.gleaner.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.ingest.BundledModels;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingThreads;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query route's scores on a realistic knowledgebase: the 47 pages of product documentation of the evaluation set
 * ({@code src/test/resources/eval}), crawled and embedded with the default bundled model. A chunk's score and the order
 * of the results do not depend on {@code topK}; at the default {@code scoreThreshold}, questions the documentation
 * cannot answer get nothing while real questions keep their answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCalibrationIT {
    private static final Path CORPUS = Path.of("src/test/resources/eval/corpus.jsonl");
    private static final int LARGEST_TOP_K = 20;

    /** Questions answered by one page of the set (page id → question), phrased unlike the page. */
    private static final Map<String, String> ANSWERED = Map.of(
            "install-linux", "which user should own the data directory when I install it on a Linux server",
            "retries", "the job failed, will it be run again on its own",
            "secrets", "where does the master key that encrypts passwords live",
            "sso", "sign in through Okta instead of local accounts",
            "time-zones", "my cron schedule should follow Berlin local time");

    /**
     * Questions nothing in the set answers: random words, keyboard mash, and questions about other topics. None of them
     * is among the evaluation set's own unanswerable questions, on which the default threshold was calibrated.
     */
    private static final List<String> NONSENSE = List.of(
            "zzqx flibbertigibbet",
            "purple elephant saxophone marmalade",
            "qwfp arst zxcv",
            "jkl;jkl;asdfgh",
            "lorem ipsum dolor sit amet",
            "what is the capital of Mongolia",
            "how many calories are in a banana",
            "who painted the Mona Lisa",
            "best way to train a puppy to sit",
            "recipe for chocolate chip cookies");

    @TempDir
    static Path data;

    private final ExecutorService threads = EmbeddingThreads.sized(2);
    private TestApp app;
    private TestSite site;
    private Kb kb;
    private final Map<String, String> titles = new LinkedHashMap<>();

    @BeforeAll
    void importTheDocumentation() throws IOException {
        Embedder model = BundledModels.all(threads).getFirst();
        assertThat(model.modelName()).isEqualTo(BundledModels.DEFAULT);
        app = TestApp.start(TestApp.config(data), model);
        site = TestSite.start();
        ObjectMapper json = new ObjectMapper();
        List<String> urls = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS)) {
            JsonNode page = json.readTree(line);
            String path = "/docs/" + page.path("_id").asText() + ".html";
            titles.put(page.path("_id").asText(), page.path("title").asText());
            site.page(path, html(page.path("title").asText(), page.path("text").asText()));
            urls.add(site.url(path).toString());
        }
        kb = Kb.create(app.newOwner());
        JsonNode job = kb.awaitFinished(kb.crawl(Map.of("urls", urls)), Duration.ofMinutes(10));
        assertThat(job.path("done").asLong()).isEqualTo(urls.size());
    }

    @AfterAll
    void stop() {
        site.close();
        app.close();
        threads.shutdownNow();
    }

    @Test
    void smallerTopKGivesTheFirstResultsOfALargerOneWithTheSameScores() {
        List<String> questions = new ArrayList<>(ANSWERED.values());
        questions.add("retry backoff");
        questions.add("webhook signature secret");
        for (String question : questions) {
            List<JsonNode> largest = results(kb.query(question, LARGEST_TOP_K, 0.0));
            assertThat(largest).as(question).hasSize(LARGEST_TOP_K);
            for (int k = 1; k < LARGEST_TOP_K; k++) {
                List<JsonNode> smaller = results(kb.query(question, k, 0.0));
                assertThat(smaller)
                        .as("%s with topK=%d", question, k)
                        .extracting(hit -> hit.path("id").asText() + " "
                                + hit.path("score").asDouble())
                        .containsExactlyElementsOf(largest.subList(0, k).stream()
                                .map(hit -> hit.path("id").asText() + " "
                                        + hit.path("score").asDouble())
                                .toList());
            }
        }
    }

    @Test
    void atTheDefaultThresholdNonsenseGetsNothingAndRealQuestionsKeepTheirAnswer() {
        for (String question : NONSENSE) {
            assertThat(results(queryWithDefaults(question)))
                    .as("results for '%s'", question)
                    .isEmpty();
        }
        ANSWERED.forEach((page, question) -> assertThat(results(queryWithDefaults(question)))
                .as("results for '%s'", question)
                .extracting(hit -> hit.path("title").asText())
                .contains(titles.get(page)));
    }

    /** The route with no {@code topK} nor {@code scoreThreshold}: what a user gets by default. */
    private JsonNode queryWithDefaults(String question) {
        TestApi.Response response =
                kb.api().get(kb.path() + "/query?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static List<JsonNode> results(JsonNode body) {
        JsonNode list = body.isArray() ? body : body.path("data");
        List<JsonNode> results = new ArrayList<>();
        list.forEach(results::add);
        return results;
    }

    private static String html(String title, String text) {
        StringBuilder body = new StringBuilder();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            body.append("<p>").append(escape(paragraph)).append("</p>");
        }
        return "<!doctype html><html><head><title>" + escape(title) + "</title></head><body><main><h1>" + escape(title)
                + "</h1>" + body + "</main></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
