package dev.gleaner.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gleaner.index.IndexHit;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.testapp.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexIT {
    private static final float[] EAST = {1, 0, 0};
    private static final float[] NORTH_EAST = {(float) Math.cos(Math.PI / 6), (float) Math.sin(Math.PI / 6), 0};
    private static final float[] NORTH = {0, 1, 0};
    private static final float[] WEST = {-1, 0, 0};

    private final Path directory;
    private final List<LuceneIndex> opened = new ArrayList<>();

    LuceneIndexIT(@TempDir Path directory) {
        this.directory = directory;
    }

    @AfterEach
    void closeIndexes() {
        opened.forEach(LuceneIndex::close);
    }

    private LuceneIndex open() {
        LuceneIndex index = LuceneIndex.open(directory);
        opened.add(index);
        return index;
    }

    private static EmbeddedChunk chunk(String id, String datasetId, String kbId, float[] vector) {
        return chunk(id, datasetId, kbId, vector, true);
    }

    private static EmbeddedChunk chunk(String id, String datasetId, String kbId, float[] vector, boolean enabled) {
        return new EmbeddedChunk(new Chunk(id, datasetId, kbId, 0, "content of " + id, List.of(), enabled), vector);
    }

    private static List<String> ids(List<IndexHit> hits) {
        return hits.stream().map(IndexHit::chunkId).toList();
    }

    @Test
    void searchesOnlyTheGivenKnowledgebase() {
        LuceneIndex index = open();
        index.add(List.of(
                chunk("c1", "d1", "kb1", EAST), chunk("c2", "d2", "kb2", EAST), chunk("c3", "d1", "kb1", NORTH)));

        assertThat(ids(index.nearest("kb1", EAST, 10))).containsExactly("c1", "c3");
        assertThat(ids(index.nearest("kb2", EAST, 10))).containsExactly("c2");
        assertThat(index.nearest("kb-none", EAST, 10)).isEmpty();
    }

    @Test
    void nearestIsOrderedByCosineSimilarity() {
        LuceneIndex index = open();
        index.add(List.of(
                chunk("west", "d", "kb", WEST),
                chunk("north", "d", "kb", NORTH),
                chunk("east", "d", "kb", EAST),
                chunk("north-east", "d", "kb", NORTH_EAST)));

        List<IndexHit> hits = index.nearest("kb", EAST, 10);

        assertThat(ids(hits)).containsExactly("east", "north-east", "north", "west");
        assertThat(hits.get(0).similarity()).isCloseTo(1.0, within(1e-5));
        assertThat(hits.get(1).similarity()).isCloseTo(Math.cos(Math.PI / 6), within(1e-5));
        assertThat(hits.get(2).similarity()).isCloseTo(0.0, within(1e-5));
        assertThat(hits.get(3).similarity()).isCloseTo(-1.0, within(1e-5));
    }

    @Test
    void nearestReturnsAtMostK() {
        LuceneIndex index = open();
        index.add(List.of(chunk("a", "d", "kb", EAST), chunk("b", "d", "kb", NORTH), chunk("c", "d", "kb", WEST)));

        assertThat(ids(index.nearest("kb", NORTH_EAST, 2))).containsExactly("a", "b");
    }

    @Test
    void disabledChunksAreNeverReturned() {
        LuceneIndex index = open();
        index.add(List.of(chunk("on", "d", "kb", EAST), chunk("off", "d", "kb", EAST, false)));

        assertThat(ids(index.nearest("kb", EAST, 10))).containsExactly("on");
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void findsTextsByMeaningWithAnEmbedder() {
        HashingEmbedder embedder = new HashingEmbedder("hashing", 256);
        List<String> texts = List.of(
                "the cat sat on the mat", "stock markets fell sharply today", "rain is expected over the weekend");
        List<float[]> vectors = embedder.embed(texts);
        LuceneIndex index = open();
        for (int i = 0; i < texts.size(); i++) {
            index.add(List.of(chunk("c" + i, "d", "kb", vectors.get(i))));
        }

        float[] query = embedder.embed(List.of("where the cat sat")).getFirst();

        assertThat(index.nearest("kb", query, 1)).extracting(IndexHit::chunkId).containsExactly("c0");
    }

    @Test
    void deletingADatasetRemovesOnlyItsChunks() {
        LuceneIndex index = open();
        index.add(
                List.of(chunk("c1", "d1", "kb", EAST), chunk("c2", "d1", "kb", NORTH), chunk("c3", "d2", "kb", EAST)));

        index.deleteDataset("d1");

        assertThat(ids(index.nearest("kb", EAST, 10))).containsExactly("c3");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void deletingAKnowledgebaseRemovesOnlyItsChunks() {
        LuceneIndex index = open();
        index.add(List.of(chunk("c1", "d1", "kb1", EAST), chunk("c2", "d2", "kb2", EAST)));

        index.deleteKnowledgebase("kb1");

        assertThat(index.nearest("kb1", EAST, 10)).isEmpty();
        assertThat(ids(index.nearest("kb2", EAST, 10))).containsExactly("c2");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void addingAnExistingChunkIdReplacesIt() {
        LuceneIndex index = open();
        index.add(List.of(chunk("c1", "d", "kb", EAST)));

        index.add(List.of(chunk("c1", "d", "kb", WEST)));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.nearest("kb", WEST, 10).getFirst().similarity()).isCloseTo(1.0, within(1e-5));

        index.add(List.of(chunk("c1", "d", "kb", WEST, false)));

        assertThat(index.nearest("kb", WEST, 10)).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void vectorsOfDifferentDimensionsCoexist() {
        LuceneIndex index = open();
        index.add(List.of(chunk("three", "d1", "kb1", EAST), chunk("four", "d2", "kb2", new float[] {0, 0, 0, 1})));

        assertThat(ids(index.nearest("kb1", EAST, 5))).containsExactly("three");
        assertThat(ids(index.nearest("kb2", new float[] {0, 0, 1, 1}, 5))).containsExactly("four");
        assertThat(index.nearest("kb2", EAST, 5)).isEmpty();
    }

    @Test
    void chunksPersistAcrossCloseAndOpen() {
        LuceneIndex first = LuceneIndex.open(directory);
        first.add(List.of(chunk("c1", "d", "kb", EAST), chunk("c2", "d", "kb", NORTH)));
        first.close();

        LuceneIndex reopened = open();

        assertThat(reopened.size()).isEqualTo(2);
        assertThat(ids(reopened.nearest("kb", EAST, 1))).containsExactly("c1");
    }

    @Test
    void changesAreCommittedOnceTheCommitIntervalHasPassed() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        LuceneIndex index = LuceneIndex.open(directory, clock);
        opened.add(index);
        index.add(List.of(chunk("c1", "d", "kb", EAST)));
        assertThat(committedDocuments()).isZero();

        clock.advance(LuceneIndex.COMMIT_INTERVAL);
        index.add(List.of(chunk("c2", "d", "kb", EAST)));

        assertThat(committedDocuments()).isEqualTo(2);
    }

    @Test
    void commitMakesChangesDurable() throws IOException {
        LuceneIndex index = open();
        index.add(List.of(chunk("c1", "d", "kb", EAST)));

        index.commit();

        assertThat(committedDocuments()).isEqualTo(1);
    }

    private int committedDocuments() throws IOException {
        try (FSDirectory fs = FSDirectory.open(directory);
                DirectoryReader reader = DirectoryReader.open(fs)) {
            return reader.numDocs();
        } catch (org.apache.lucene.index.IndexNotFoundException noCommitYet) {
            return 0;
        }
    }

    @Test
    void rebuildReplacesTheWholeIndexAndCommits() throws IOException {
        LuceneIndex index = open();
        index.add(List.of(chunk("old", "d0", "kb", EAST)));
        int count = LuceneIndex.REBUILD_BATCH * 2 + 500;
        Random random = new Random(42L);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vectors.add(randomUnitVector(random, 8));
        }

        index.rebuild(
                sink -> {
                    for (int i = 0; i < count; i++) {
                        sink.accept(chunk("new" + i, "d" + (i % 7), "kb", vectors.get(i)));
                    }
                },
                0);

        assertThat(index.size()).isEqualTo(count);
        assertThat(ids(index.nearest("kb", vectors.get(1234), 1))).containsExactly("new1234");
        assertThat(committedDocuments()).isEqualTo(count);
    }

    @Test
    void rejectsKBelowOne() {
        LuceneIndex index = open();

        assertThatThrownBy(() -> index.nearest("kb", EAST, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static float[] randomUnitVector(Random random, int dimensions) {
        float[] vector = new float[dimensions];
        double sumOfSquares = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) random.nextGaussian();
            sumOfSquares += vector[i] * vector[i];
        }
        for (int i = 0; i < dimensions; i++) {
            vector[i] /= (float) Math.sqrt(sumOfSquares);
        }
        return vector;
    }

    @Test
    void sizeCountsTheChunks() {
        LuceneIndex index = LuceneIndex.inMemory();
        opened.add(index);
        assertThat(index.size()).isZero();

        index.add(List.of(chunk("a", "d", "kb", EAST), chunk("b", "d", "kb", NORTH)));

        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void anUnreadableIndexStartsEmpty() throws IOException {
        Files.write(directory.resolve("segments_1"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        LuceneIndex index = open();

        assertThat(index.size()).isZero();
        index.add(List.of(chunk("a", "d", "kb", EAST)));
        assertThat(ids(index.nearest("kb", EAST, 1))).containsExactly("a");
    }

    private static EmbeddedChunk text(
            String id, String kbId, String content, List<String> headingPath, boolean enabled) {
        return new EmbeddedChunk(new Chunk(id, "d-" + id, kbId, 0, content, headingPath, enabled), EAST);
    }

    private LuceneIndex withErrorPages() {
        LuceneIndex index = open();
        index.add(List.of(
                text("e4031", "kb", "E4031 means the upload token has expired; request a new one.", List.of(), true),
                text("e4032", "kb", "E4032 means the upload is larger than the quota allows.", List.of(), true),
                text("tokens", "kb", "Upload tokens expire after an hour and are renewed on request.", List.of(), true),
                text("other-kb", "kb2", "E4031 appears in another knowledgebase too.", List.of(), true),
                text("disabled", "kb", "E4031 in a disabled chunk.", List.of(), false)));
        return index;
    }

    @Test
    void matchingFindsAnExactTermByBm25() {
        LuceneIndex index = withErrorPages();

        List<IndexHit> hits = index.matching("kb", "E4031 meaning", 10);

        assertThat(ids(hits)).first().isEqualTo("e4031");
        assertThat(hits.getFirst().similarity()).isEqualTo(1.0);
        assertThat(ids(index.matching("kb", "e4031", 10))).containsExactly("e4031");
        assertThat(index.matching("kb", "E4031 flux capacitor calibration", 10)
                        .getFirst()
                        .similarity())
                .as("words no chunk holds count in the coverage: the question is mostly about something else")
                .isLessThan(0.5);
    }

    @Test
    void matchingSearchesOnlyTheEnabledChunksOfTheGivenKnowledgebase() {
        LuceneIndex index = withErrorPages();

        assertThat(ids(index.matching("kb", "E4031", 10))).containsExactly("e4031");
        assertThat(ids(index.matching("kb2", "E4031", 10))).containsExactly("other-kb");
        assertThat(index.matching("kb-none", "E4031", 10)).isEmpty();
    }

    @Test
    void matchingStemsWordsAndIgnoresStopWords() {
        LuceneIndex index = withErrorPages();

        assertThat(ids(index.matching("kb", "token expiring", 10))).containsExactlyInAnyOrder("e4031", "tokens");
        assertThat(index.matching("kb", "the of and is", 10)).isEmpty();
    }

    @Test
    void matchingCoverageIsTheShareOfTheQueryTermsHeld() {
        LuceneIndex index = withErrorPages();

        List<IndexHit> hits = index.matching("kb", "upload quota", 10);

        assertThat(ids(hits).getFirst()).isEqualTo("e4032");
        assertThat(hits.getFirst().similarity()).isCloseTo(1.0, within(1e-5));
        assertThat(hits.subList(1, hits.size()))
                .allSatisfy(hit -> assertThat(hit.similarity()).isBetween(0.0, 0.99));
    }

    /**
     * In kb "a" the query's word "alpha" is rare and "beta" common, so the chunk holding "alpha" ranks first; kb "b"
     * holds "alpha" in every chunk. Were the statistics the whole index's, "alpha" would become the common word and
     * the ranking in "a" would turn around.
     */
    @Test
    void matchingRanksByTheStatisticsOfTheKnowledgebaseAlone() {
        List<EmbeddedChunk> kbA = List.of(
                text("a-alpha", "a", "alpha one", List.of(), true),
                text("a-beta-1", "a", "beta two", List.of(), true),
                text("a-beta-2", "a", "beta three", List.of(), true),
                text("a-beta-3", "a", "beta four", List.of(), true),
                text("a-other", "a", "gamma five", List.of(), true));
        List<EmbeddedChunk> kbB = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            kbB.add(text("b-" + i, "b", "alpha word" + i, List.of(), true));
        }
        LuceneIndex alone = LuceneIndex.inMemory();
        opened.add(alone);
        alone.add(kbA);
        LuceneIndex shared = open();
        shared.add(kbA);
        shared.add(kbB);

        List<IndexHit> withoutB = alone.matching("a", "alpha beta", 10);
        List<IndexHit> withB = shared.matching("a", "alpha beta", 10);

        assertThat(ids(withoutB)).first().isEqualTo("a-alpha");
        assertThat(ids(withB)).isEqualTo(ids(withoutB));
        assertThat(withB)
                .extracting(IndexHit::similarity)
                .containsExactlyElementsOf(
                        withoutB.stream().map(IndexHit::similarity).toList());
    }

    @Test
    void matchingSearchesTheHeadingPath() {
        LuceneIndex index = open();
        index.add(List.of(
                text("under", "kb", "Set it before the first start.", List.of("Configuration", "Retention"), true),
                text("plain", "kb", "Set it before the first start.", List.of(), true)));

        assertThat(ids(index.matching("kb", "retention", 10))).containsExactly("under");
    }

    @Test
    void matchingTakesQuerySyntaxAsPlainWords() {
        LuceneIndex index = withErrorPages();

        for (String query : List.of("E4031 AND (", "\"E4031", "E4031~ OR *", "title:E4031", "+-!^[]{}/")) {
            assertThat(index.matching("kb", query, 10)).as(query).allSatisfy(hit -> assertThat(hit.chunkId())
                    .isEqualTo("e4031"));
        }
        assertThat(index.matching("kb", "", 10)).isEmpty();
        assertThatThrownBy(() -> index.matching("kb", "E4031", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIndexOfAnOlderFormatNeedsARebuild() throws IOException {
        try (FSDirectory fs = FSDirectory.open(directory);
                IndexWriter older = new IndexWriter(fs, new IndexWriterConfig())) {
            Document document = new Document();
            document.add(new StringField("chunk_id", "c1", Field.Store.YES));
            older.addDocument(document);
            older.commit();
        }

        LuceneIndex index = LuceneIndex.open(directory);
        assertThat(index.needsRebuild()).isTrue();
        index.rebuild(sink -> sink.accept(text("c1", "kb", "E4031 rebuilt", List.of(), true)), 0);
        assertThat(index.needsRebuild()).isFalse();
        assertThat(ids(index.matching("kb", "E4031", 10))).containsExactly("c1");
        index.close();

        assertThat(open().needsRebuild()).isFalse();
    }

    @Test
    void aNewOrCurrentIndexNeedsNoRebuild() {
        LuceneIndex first = LuceneIndex.open(directory);
        assertThat(first.needsRebuild()).isFalse();
        first.add(List.of(chunk("c1", "d", "kb", EAST)));
        first.close();

        assertThat(open().needsRebuild()).isFalse();
    }
}
