package dev.gleaner.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.NewKnowledgebase;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.ingest.Chunker;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingException;
import dev.gleaner.ingest.EmbeddingModels;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.ingest.HtmlExtractor;
import dev.gleaner.ingest.PlainTextExtractor;
import dev.gleaner.pipeline.PageReader;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlCatalogStore;
import dev.gleaner.store.SqlDatasetStore;
import dev.gleaner.testapp.DefaultSettings;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.testapp.TestApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload's retry waits for its backoff by the injected clock, not by the wall clock. */
class UploadRetryClockIT {
    private static final Duration BACKOFF = Duration.ofHours(1);
    private static final String OWNER = "owner_clock";

    @Test
    void theRetryHappensOnlyOnceTheClockHasPassedTheBackoff(@TempDir Path data) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        FailingFirst embedder = new FailingFirst(new HashingEmbedder(TestApp.MODEL, 384));
        try (Database database = Database.sqlite(data.resolve(Database.SQLITE_FILE_NAME));
                LuceneIndex index = LuceneIndex.inMemory()) {
            Catalog catalog = new Catalog(new SqlCatalogStore(database), index, Set.of(TestApp.MODEL), "lucene", clock);
            String projectId = catalog.createProject(OWNER, "p").id();
            Knowledgebase kb = catalog.createKnowledgebase(
                    OWNER, projectId, new NewKnowledgebase("kb", "lucene", TestApp.MODEL, 500, 50));
            SqlDatasetStore store = new SqlDatasetStore(database);
            PageReader reader = new PageReader(
                    new HtmlExtractor(), new PlainTextExtractor(), DefaultSettings.documentExtractor(clock));
            try (UploadIngestor uploads = new UploadIngestor(
                    reader,
                    new Chunker(),
                    new EmbeddingModels(List.of(embedder)),
                    index,
                    store,
                    clock,
                    new UploadSettings(1_000_000, 3, BACKOFF, Duration.ofMillis(100), Duration.ofMinutes(5)))) {
                uploads.start();
                String id = uploads.accept(new UploadIngestor.Upload(
                        kb.id(),
                        TestApp.MODEL,
                        500,
                        50,
                        "/datasets",
                        "notes.txt",
                        "text/plain",
                        "Reindeer herders count their animals by the lake.".getBytes(StandardCharsets.UTF_8)));

                await().atMost(Duration.ofSeconds(10)).until(() -> embedder.calls() == 1);
                await().during(Duration.ofMillis(600))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> embedder.calls() == 1);
                Dataset waiting = store.find(kb.id(), id).orElseThrow();
                clock.advance(BACKOFF);
                Dataset parsed = await().atMost(Duration.ofSeconds(10))
                        .until(() -> store.find(kb.id(), id).orElseThrow(), Dataset::parsed);

                assertThat(waiting.parsed()).isFalse();
                assertThat(waiting.error()).isNull();
                assertThat(parsed.error()).isNull();
                assertThat(parsed.chunkCount()).isPositive();
                assertThat(embedder.calls()).isEqualTo(2);
            }
        }
    }

    /** The test's model: its first call fails as a remote model's 503 would, later ones embed. */
    private static final class FailingFirst implements Embedder {
        private final Embedder embedder;
        private final AtomicInteger calls = new AtomicInteger();

        FailingFirst(Embedder embedder) {
            this.embedder = embedder;
        }

        int calls() {
            return calls.get();
        }

        @Override
        public String modelName() {
            return embedder.modelName();
        }

        @Override
        public int dimensions() {
            return embedder.dimensions();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            if (calls.incrementAndGet() == 1) {
                throw new EmbeddingException("The embedding service answered HTTP 503", true);
            }
            return embedder.embed(texts);
        }
    }
}
