package dev.gleaner.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.Ids;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.NewKnowledgebase;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.StoredFile;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlCatalogStore;
import dev.gleaner.store.SqlDatasetStore;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads a stopped process left unparsed are processed when the next one starts; failed ones are not retried. */
class UploadResumeIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String OWNER = "owner_uploads";
    /** The hold of a process that stopped long ago: it ended, so the upload is free to claim. */
    private static final Instant LEFT_BY_A_STOPPED_PROCESS = Instant.EPOCH;

    private static final String SENTENCE = "Reindeer herders count their animals at the autumn corral by the lake.";

    @TempDir
    Path data;

    @Test
    void uploadsLeftUnparsedAreProcessedOnStartAndFailedOnesAreLeftAlone() {
        String pending = Ids.next("dataset");
        String unreadable = Ids.next("dataset");
        String failed = Ids.next("dataset");
        String projectId;
        String kbId;
        try (Database database = Database.sqlite(data.resolve(Database.SQLITE_FILE_NAME));
                LuceneIndex index = LuceneIndex.inMemory()) {
            Catalog catalog = new Catalog(
                    new SqlCatalogStore(database), index, Set.of(TestApp.MODEL), "lucene", Clock.systemUTC());
            projectId = catalog.createProject(OWNER, "p").id();
            Knowledgebase created = catalog.createKnowledgebase(
                    OWNER, projectId, new NewKnowledgebase("kb", "lucene", TestApp.MODEL, 500, 50));
            SqlDatasetStore store = new SqlDatasetStore(database);
            store.insertUpload(
                    unparsed(pending, created.id(), "herding.txt", null),
                    new StoredFile("text/plain; charset=utf-8", SENTENCE.getBytes(StandardCharsets.UTF_8)),
                    LEFT_BY_A_STOPPED_PROCESS);
            store.insertUpload(
                    unparsed(unreadable, created.id(), "broken.pdf", null),
                    new StoredFile("application/pdf", "%PDF-1.7 not a PDF".getBytes(StandardCharsets.UTF_8)),
                    LEFT_BY_A_STOPPED_PROCESS);
            store.insertUpload(
                    unparsed(failed, created.id(), "failed.txt", "The embedding model was not available"),
                    new StoredFile("text/plain", SENTENCE.getBytes(StandardCharsets.UTF_8)),
                    LEFT_BY_A_STOPPED_PROCESS);
            kbId = created.id();
        }

        try (TestApp app = TestApp.start(data)) {
            TestApi api = app.clientOf(OWNER);
            Kb owned = new Kb(api, projectId, kbId);

            JsonNode parsed = await().atMost(WITHIN).until(() -> dataset(owned, pending), d -> d.path("isParsed")
                    .asBoolean());
            JsonNode broken = await().atMost(WITHIN)
                    .until(
                            () -> dataset(owned, unreadable),
                            d -> !d.path("error").isMissingNode()
                                    && !d.path("error").isNull());

            assertThat(parsed.path("chunkCount").asLong()).isPositive();
            assertThat(owned.query(SENTENCE, 5, 0.0).get(0).path("datasetId").asText())
                    .isEqualTo(pending);
            assertThat(broken.path("isParsed").asBoolean()).isFalse();
            assertThat(broken.path("error").asText()).contains("could not be read");
            JsonNode stillFailed = dataset(owned, failed);
            assertThat(stillFailed.path("isParsed").asBoolean()).isFalse();
            assertThat(stillFailed.path("error").asText()).isEqualTo("The embedding model was not available");
        }
    }

    @Test
    void anUploadWhoseProcessingNeverFinishedIsGivenUpAfterItsAttempts() {
        String stuck = Ids.next("dataset");
        String projectId;
        String kbId;
        try (Database database = Database.sqlite(data.resolve(Database.SQLITE_FILE_NAME));
                LuceneIndex index = LuceneIndex.inMemory()) {
            Catalog catalog = new Catalog(
                    new SqlCatalogStore(database), index, Set.of(TestApp.MODEL), "lucene", Clock.systemUTC());
            projectId = catalog.createProject(OWNER, "p").id();
            Knowledgebase created = catalog.createKnowledgebase(
                    OWNER, projectId, new NewKnowledgebase("kb", "lucene", TestApp.MODEL, 500, 50));
            SqlDatasetStore store = new SqlDatasetStore(database);
            store.insertUpload(
                    unparsed(stuck, created.id(), "stuck.txt", null),
                    new StoredFile("text/plain; charset=utf-8", SENTENCE.getBytes(StandardCharsets.UTF_8)),
                    LEFT_BY_A_STOPPED_PROCESS);
            // Two earlier starts took it up and stopped before finishing; the count is kept in the store.
            assertThat(store.claimUpload(stuck, LEFT_BY_A_STOPPED_PROCESS, Instant.now()))
                    .hasValue(1);
            assertThat(store.claimUpload(stuck, LEFT_BY_A_STOPPED_PROCESS, Instant.now()))
                    .hasValue(2);
            kbId = created.id();
        }

        try (TestApp app =
                TestApp.start(data, config -> config.withUploads(u -> u.withRetries(2, Duration.ofMillis(10))))) {
            Kb owned = new Kb(app.clientOf(OWNER), projectId, kbId);

            JsonNode given = await().atMost(WITHIN)
                    .until(
                            () -> dataset(owned, stuck),
                            d -> !d.path("error").isMissingNode()
                                    && !d.path("error").isNull());

            assertThat(given.path("isParsed").asBoolean()).isFalse();
            assertThat(given.path("error").asText())
                    .isEqualTo("Processing was interrupted 3 times (the service stopped while working on it); upload"
                            + " the file again");
        }
    }

    private static JsonNode dataset(Kb kb, String id) {
        TestApi.Response response = kb.api().get(kb.path() + "/datasets/" + id);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static Dataset unparsed(String id, String kbId, String filename, @Nullable String error) {
        Instant now = Instant.now();
        return Dataset.builder()
                .id(id)
                .knowledgebaseId(kbId)
                .filename(filename)
                .fileUrl("/file")
                .extensionType("txt")
                .size(10)
                .error(error)
                .createdAt(now)
                .updatedAt(now)
                .build();
    }
}
