package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datasets of a knowledgebase after real imports: listing, reading, chunks, original files and deletion. */
class DatasetsApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final int MARKERS = 12;
    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String NUMBERED = "/docs/numbered.html";
    private static final String PLAIN = "/docs/notes.txt";
    private static final String LIGHTHOUSES = "/docs/lighthouses.html";
    private static final String BEES = "/docs/bees.html";
    private static final String LIGHTHOUSE_SENTENCE =
            "The keepers of the Vardø lighthouse trimmed the paraffin wicks every evening before the winter storms.";
    private static final String BEE_SENTENCE =
            "Beekeepers in the valley move their hives uphill when the heather blooms late in August.";

    private static TestApp app;
    private static TestSite site;
    private static byte[] numberedHtml;
    private static byte[] plainText;

    @BeforeAll
    static void start(@TempDir Path data) {
        app = TestApp.start(data);
        site = TestSite.start();
        numberedHtml = numberedPage().getBytes(StandardCharsets.UTF_8);
        plainText = ("Field log, Tromsø station.\n\nThe snow gauge read 41 centimetres at dawn; the café was closed."
                        + "\n\nAfternoon: wind from the north-east, the ferry to Skjervøy ran late.\n")
                .getBytes(StandardCharsets.UTF_8);
        site.respond(NUMBERED, 200, HTML, numberedHtml, Map.of());
        site.respond(PLAIN, 200, TEXT, plainText, Map.of());
        site.page(LIGHTHOUSES, article("Lighthouses of the North", LIGHTHOUSE_SENTENCE));
        site.page(BEES, article("Valley Beekeeping", BEE_SENTENCE));
    }

    @AfterAll
    static void stop() {
        app.close();
        site.close();
    }

    @Test
    void datasetsAreListedNewestFirstAndPaged() {
        Kb kb = Kb.create(app.newOwner());
        String first = importAndAwait(kb, List.of(GeneratedSite.path(0), GeneratedSite.path(1)));
        String second = importAndAwait(kb, List.of(GeneratedSite.path(2)));
        String third = importAndAwait(kb, List.of(GeneratedSite.path(3), GeneratedSite.path(4)));

        JsonNode all = list(kb, "");

        assertThat(all).hasSize(5);
        assertThat(jobIds(all)).containsExactly(third, third, second, first, first);
        for (int i = 1; i < all.size(); i++) {
            assertThat(Instant.parse(all.get(i).path("createdAt").asText()))
                    .isBeforeOrEqualTo(
                            Instant.parse(all.get(i - 1).path("createdAt").asText()));
        }
        assertThat(list(kb, "?limit=2")).containsExactly(all.get(0), all.get(1));
        assertThat(list(kb, "?limit=2&offset=2")).containsExactly(all.get(2), all.get(3));
        assertThat(list(kb, "?offset=4&limit=10")).containsExactly(all.get(4));
        assertThat(list(kb, "?offset=3")).containsExactly(all.get(3), all.get(4));
        assertThat(list(kb, "?offset=5")).isEmpty();
        assertThat(list(kb, "?limit=1000")).isEqualTo(all);
    }

    @Test
    void aKeywordListsOnlyDatasetsWhoseTitleOrUrlContainsIt() {
        Kb kb = Kb.create(app.newOwner());
        importAndAwait(kb, List.of(LIGHTHOUSES, BEES, NUMBERED));
        JsonNode lighthouses = datasetOf(kb, LIGHTHOUSES);
        JsonNode bees = datasetOf(kb, BEES);

        assertThat(list(kb, "?keyword=lighthouses%20OF")).containsExactly(lighthouses);
        assertThat(list(kb, "?keyword=bees.html")).containsExactly(bees);
        assertThat(list(kb, "?keyword=%2Fdocs%2F&limit=2")).hasSize(2);
        assertThat(list(kb, "?keyword=%2Fdocs%2F&limit=2&offset=2")).hasSize(1);
        assertThat(list(kb, "?keyword=%25")).isEmpty();
        assertThat(list(kb, "?keyword=%20")).hasSize(3);
        TestApi.Response tooLong =
                kb.api().get(kb.path() + "/datasets?keyword=" + "k".repeat(ApiLimits.MAX_DATASET_KEYWORD_LENGTH + 1));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("error").path("details").has("keyword")).isTrue();
    }

    @Test
    void datasetIsReadWithItsSourceAndOnlyThroughItsKnowledgebase() {
        TestApi api = app.newOwner();
        Kb kb = Kb.create(api);
        Kb sibling = siblingOf(kb);
        String jobId = importAndAwait(kb, List.of(NUMBERED));
        JsonNode listed = list(kb, "").get(0);
        String id = listed.path("id").asText();

        TestApi.Response read = api.get(kb.path() + "/datasets/" + id);

        assertThat(read.status()).as(read.text()).isEqualTo(200);
        JsonNode dataset = read.json();
        assertThat(dataset.path("indexPosition").asLong())
                .as("the feed's head when read: at least the change that stored the dataset")
                .isPositive();
        com.fasterxml.jackson.databind.node.ObjectNode withoutPosition = dataset.deepCopy();
        withoutPosition.remove("indexPosition");
        assertThat(withoutPosition).isEqualTo(listed);
        String url = site.url(NUMBERED).toString();
        assertThat(id).startsWith("dataset_");
        assertThat(dataset.path("fileUrl").asText()).isEqualTo(url);
        assertThat(dataset.path("sourceUrl").asText()).isEqualTo(url);
        assertThat(dataset.path("filename").asText()).isEqualTo("numbered.html");
        assertThat(dataset.path("title").asText()).isEqualTo("Numbered Notes");
        assertThat(dataset.path("extensionType").asText()).isEqualTo("html");
        assertThat(dataset.path("isParsed").asBoolean()).isTrue();
        assertThat(dataset.path("jobId").asText()).isEqualTo(jobId);
        assertThat(dataset.path("size").asLong()).isEqualTo(numberedHtml.length);
        assertThat(dataset.path("chunkCount").asLong())
                .isEqualTo(api.get(kb.path() + "/datasets/" + id + "/chunks")
                        .json()
                        .size());
        assertThat(dataset.has("error")).isFalse();
        assertNotFound(api.get(sibling.path() + "/datasets/" + id));
        assertNotFound(api.get(sibling.path() + "/datasets/" + id + "/chunks"));
        assertNotFound(api.get(sibling.path() + "/datasets/" + id + "/file"));
        assertNotFound(api.delete(sibling.path() + "/datasets/" + id));
        assertNotFound(api.get(kb.path() + "/datasets/dataset_doesnotexist"));
        assertThat(api.get(kb.path() + "/datasets/" + id).json()).isEqualTo(dataset);
    }

    @Test
    void chunksComeInDocumentOrder() {
        TestApi api = app.newOwner();
        Kb kb = Kb.create(api, Map.of("chunkSize", 200, "chunkOverlap", 20));
        importAndAwait(kb, List.of(NUMBERED));
        JsonNode dataset = list(kb, "").get(0);
        String id = dataset.path("id").asText();

        TestApi.Response response = api.get(kb.path() + "/datasets/" + id + "/chunks");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode chunks = response.json();
        assertThat(chunks.size())
                .isGreaterThan(3)
                .isEqualTo(dataset.path("chunkCount").asInt());
        List<Integer> firstChunkOfMarker = new ArrayList<>();
        for (int marker = 1; marker <= MARKERS; marker++) {
            firstChunkOfMarker.add(firstChunkContaining(chunks, marker(marker)));
        }
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode chunk = chunks.get(i);
            String content = chunk.path("content").asText();
            assertThat(chunk.path("position").asInt()).isEqualTo(i);
            assertThat(chunk.path("id").asText()).startsWith("chunk_");
            assertThat(chunk.path("datasetId").asText()).isEqualTo(id);
            assertThat(chunk.path("isEnabled").asBoolean()).isTrue();
            assertThat(content).isNotBlank().hasSizeLessThanOrEqualTo(200);
            assertThat(chunk.path("contentLength").asInt()).as(content).isEqualTo(content.length());
        }
        assertThat(firstChunkOfMarker).doesNotContain(-1).isSorted();
        assertThat(firstChunkContaining(chunks, "marker99"))
                .as("text of a script")
                .isEqualTo(-1);
    }

    @Test
    void fileReturnsTheOriginalBytesWithTheirContentType() {
        TestApi api = app.newOwner();
        Kb kb = Kb.create(api);
        importAndAwait(kb, List.of(NUMBERED, PLAIN));
        String htmlPath =
                kb.path() + "/datasets/" + datasetOf(kb, NUMBERED).path("id").asText();
        String textPath =
                kb.path() + "/datasets/" + datasetOf(kb, PLAIN).path("id").asText();

        TestApi.Response html = api.get(htmlPath + "/file");
        TestApi.Response text = api.get(textPath + "/file");

        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).isEqualTo(numberedHtml);
        assertThat(normalized(html.contentType())).isEqualTo(normalized(HTML));
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).isEqualTo(plainText);
        assertThat(normalized(text.contentType())).isEqualTo(normalized(TEXT));
        JsonNode textDataset = api.get(textPath).json();
        assertThat(textDataset.path("extensionType").asText()).isEqualTo("txt");
        assertThat(textDataset.path("size").asLong()).isEqualTo(plainText.length);
    }

    @Test
    void deletedDatasetStopsAppearingInQueriesAtOnce() {
        TestApi api = app.newOwner();
        Kb kb = Kb.create(api);
        importAndAwait(kb, List.of(LIGHTHOUSES, BEES));
        String lighthouses = datasetOf(kb, LIGHTHOUSES).path("id").asText();
        JsonNode bees = datasetOf(kb, BEES);
        assertThat(datasetIdsOf(kb.query(LIGHTHOUSE_SENTENCE, 10, 0.0))).contains(lighthouses);

        TestApi.Response deleted = api.delete(kb.path() + "/datasets/" + lighthouses);

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().path("message").asText()).isNotBlank();
        assertThat(datasetIdsOf(kb.query(LIGHTHOUSE_SENTENCE, 50, 0.0)))
                .doesNotContain(lighthouses)
                .contains(bees.path("id").asText());
        assertThat(datasetIdsOf(kb.query(BEE_SENTENCE, 5, 0.0)))
                .contains(bees.path("id").asText());
        assertNotFound(api.get(kb.path() + "/datasets/" + lighthouses));
        assertNotFound(api.get(kb.path() + "/datasets/" + lighthouses + "/chunks"));
        assertNotFound(api.get(kb.path() + "/datasets/" + lighthouses + "/file"));
        assertNotFound(api.delete(kb.path() + "/datasets/" + lighthouses));
        assertThat(list(kb, "")).containsExactly(bees);
        JsonNode knowledgebase = api.get(kb.path()).json();
        assertThat(knowledgebase.path("datasetCount").asLong()).isEqualTo(1);
        assertThat(knowledgebase.path("chunkCount").asLong())
                .isEqualTo(bees.path("chunkCount").asLong());
    }

    private static String importAndAwait(Kb kb, List<String> paths) {
        List<String> urls = paths.stream().map(p -> site.url(p).toString()).toList();
        String jobId = kb.crawl(Map.of("urls", urls));
        JsonNode job = kb.awaitFinished(jobId, WITHIN);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.path("done").asLong()).as(job.toString()).isEqualTo(urls.size());
        return jobId;
    }

    /** The listed dataset of the page at {@code path}. */
    private static JsonNode datasetOf(Kb kb, String path) {
        String url = site.url(path).toString();
        for (JsonNode dataset : list(kb, "")) {
            if (dataset.path("sourceUrl").asText().equals(url)) {
                return dataset;
            }
        }
        throw new AssertionError("no dataset of " + url);
    }

    /** Another knowledgebase in the same project. */
    private static Kb siblingOf(Kb kb) {
        TestApi.Response created =
                kb.api().post("/v1/projects/" + kb.projectId() + "/knowledgebases", Map.of("name", "sibling"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Kb(kb.api(), kb.projectId(), created.json().path("id").asText());
    }

    private static JsonNode list(Kb kb, String query) {
        TestApi.Response response = kb.api().get(kb.path() + "/datasets" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static List<String> jobIds(JsonNode datasets) {
        List<String> ids = new ArrayList<>();
        datasets.forEach(d -> ids.add(d.path("jobId").asText()));
        return ids;
    }

    private static List<String> datasetIdsOf(JsonNode hits) {
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.path("datasetId").asText()));
        return ids;
    }

    private static int firstChunkContaining(JsonNode chunks, String text) {
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).path("content").asText().contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static void assertNotFound(TestApi.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(404);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("not_found");
    }

    private static String normalized(String contentType) {
        return contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static String marker(int i) {
        return String.format(Locale.ROOT, "marker%02d", i);
    }

    /** A page of {@value #MARKERS} paragraphs, each opened by its marker word, with the usual noise around them. */
    private static String numberedPage() {
        String[] places = {"Ålesund", "Bergen", "Kiel", "Tromsø", "Oulu", "Cork"};
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">")
                .append("<title>Numbered Notes</title><script>var tracking = 'marker99';</script></head><body>")
                .append("<nav><a href=\"/\">Home</a></nav><main><h1>Numbered Notes</h1>");
        IntStream.rangeClosed(1, MARKERS).forEach(i -> html.append("<p>")
                .append(marker(i))
                .append(" records the tide tables kept at ")
                .append(places[i % places.length])
                .append(" during season ")
                .append(1900 + i * 7)
                .append(", when the harbour master noted ")
                .append(i * 3)
                .append(" vessels waiting for the morning pilot boat.</p>"));
        return html.append("</main><footer>Notes kept by volunteers.</footer></body></html>")
                .toString();
    }

    private static String article(String title, String sentence) {
        return "<!doctype html><html><head><title>" + title + "</title></head><body><main><h1>" + title + "</h1><p>"
                + sentence + "</p></main></body></html>";
    }
}
