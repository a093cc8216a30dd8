package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.SourcedChunk;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlDatasetStoreIT extends DatabaseTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void datasetsAreListedNewestFirstPageByPageWithinTheirKnowledgebase(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Knowledgebase other = Fixtures.knowledgebase(stores);
        List<Dataset> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inserted.add(insert(stores, kb, "https://a.test/" + i, 1, i).dataset());
        }

        assertThat(stores.datasets().list(kb.id(), 2, 0)).containsExactly(inserted.get(4), inserted.get(3));
        assertThat(stores.datasets().list(kb.id(), 2, 2)).containsExactly(inserted.get(2), inserted.get(1));
        assertThat(stores.datasets().list(kb.id(), 10, 4)).containsExactly(inserted.get(0));
        assertThat(stores.datasets().list(other.id(), 10, 0)).isEmpty();
        assertThat(stores.datasets().find(kb.id(), inserted.get(0).id())).contains(inserted.get(0));
        assertThat(stores.datasets().find(other.id(), inserted.get(0).id())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aKeywordFindsDatasetsByTitleFileNameOrUrlIgnoringCaseAndWildcards(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Knowledgebase other = Fixtures.knowledgebase(stores);
        Dataset byTitle = stored(stores, kb, "page.html", "https://a.test/1", "The HARBOUR Log", 1);
        Dataset byUrl = stored(stores, kb, "page.html", "https://a.test/harbour/2", "Cranes", 2);
        Dataset upload = stored(stores, kb, "notes_2024.txt", null, null, 3);
        Dataset lookalike = stored(stores, kb, "notesx2024.txt", null, "100% done", 4);
        stored(stores, other, "page.html", "https://a.test/harbour", "Harbour", 5);

        assertThat(stores.datasets().search(kb.id(), "Harbour", 10, 0)).containsExactly(byUrl, byTitle);
        assertThat(stores.datasets().search(kb.id(), "harbour", 1, 1)).containsExactly(byTitle);
        assertThat(stores.datasets().search(kb.id(), "S_2024", 10, 0)).containsExactly(upload);
        assertThat(stores.datasets().search(kb.id(), "0%", 10, 0)).containsExactly(lookalike);
        assertThat(stores.datasets().search(kb.id(), "nothing like it", 10, 0)).isEmpty();
    }

    private static Dataset stored(
            Stores stores,
            Knowledgebase kb,
            String filename,
            @Nullable String url,
            @Nullable String title,
            int second) {
        Dataset base = Fixtures.dataset(kb.id(), url == null ? "upload" : url, 1, T0.plusSeconds(second));
        Dataset dataset = base.toBuilder()
                .filename(filename)
                .fileUrl(url == null ? "/uploads/" + filename : url)
                .sourceUrl(url)
                .title(title)
                .build();
        stores.datasets().insert(dataset, Fixtures.chunks(dataset, 1), Fixtures.original(dataset.fileUrl()));
        return dataset;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void chunksComeInDocumentOrderAndTheFileAsItWasStored(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        PageResult.Ingested page = insert(stores, kb, "https://a.test/", 4, 0);
        String id = page.dataset().id();

        assertThat(stores.datasets().chunks(id)).containsExactlyElementsOf(chunks(page));
        assertThat(stores.datasets().file(id)).hasValueSatisfying(file -> {
            assertThat(file.contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(file.bytes()).isEqualTo(page.original().bytes());
        });
        assertThat(stores.datasets().file("dataset_unknown")).isEmpty();
        assertThat(stores.datasets().chunks("dataset_unknown")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void deleteRemovesTheDatasetItsChunksAndFileAndUnlinksItsPage(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = Fixtures.created(stores, kb, 10, List.of(Fixtures.url("a.test", "/")));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        PageResult.Ingested page = Fixtures.ingested(lease, 3, List.of(), T0);
        stores.frontier().complete(lease, page, T0);
        PageResult.Ingested kept = insert(stores, kb, "https://a.test/kept", 2, 1);
        String id = page.dataset().id();

        assertThat(stores.datasets().delete("kb_other", id)).isFalse();
        assertThat(stores.datasets().delete(kb.id(), id)).isTrue();

        assertThat(stores.datasets().find(kb.id(), id)).isEmpty();
        assertThat(stores.datasets().chunks(id)).isEmpty();
        assertThat(stores.datasets().file(id)).isEmpty();
        assertThat(stores.datasets().chunkCount()).isEqualTo(2);
        assertThat(stores.datasets().chunks(kept.dataset().id())).hasSize(2);
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/", "dataset_id"))
                .isNull();
        assertThat(Fixtures.frontierColumn(stores.database(), job.id(), "a.test/", "outcome"))
                .isEqualTo("ingested");
        assertThat(stores.jobs().find(kb.id(), job.id()).orElseThrow().done()).isEqualTo(1);
        assertThat(stores.datasets().delete(kb.id(), id)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void onlyEnabledChunksOfTheKnowledgebaseAreFoundWithTheirSource(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Knowledgebase other = Fixtures.knowledgebase(stores);
        List<Chunk> mine = chunks(insert(stores, kb, "https://a.test/", 3, 0));
        List<Chunk> theirs = chunks(insert(stores, other, "https://b.test/", 1, 0));
        assertThat(mine.get(2).enabled()).isFalse();

        List<SourcedChunk> found = stores.datasets()
                .findEnabledChunks(
                        kb.id(),
                        List.of(
                                mine.get(1).id(),
                                mine.get(2).id(),
                                theirs.get(0).id(),
                                "chunk_unknown",
                                mine.get(0).id()));

        assertThat(found).extracting(SourcedChunk::chunk).containsExactly(mine.get(1), mine.get(0));
        assertThat(found).allSatisfy(chunk -> {
            assertThat(chunk.sourceUrl()).isEqualTo("https://a.test/");
            assertThat(chunk.title()).isEqualTo("Title of https://a.test/");
        });
        assertThat(stores.datasets().findEnabledChunks(kb.id(), List.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aChunksSectionAnchorIsStoredAndComesBackWithItsSource(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        List<Chunk> inserted = chunks(insert(stores, kb, "https://a.test/guide", 2, 0));
        assertThat(inserted).extracting(Chunk::anchor).containsExactly("section-0-ünï", null);

        assertThat(stores.datasets().chunks(inserted.get(0).datasetId()))
                .extracting(Chunk::anchor)
                .containsExactly("section-0-ünï", null);
        assertThat(stores.datasets()
                        .findEnabledChunks(
                                kb.id(), inserted.stream().map(Chunk::id).toList()))
                .extracting(SourcedChunk::sectionUrl)
                .containsExactly("https://a.test/guide#section-0-%C3%BCn%C3%AF", "https://a.test/guide");
        List<String> visited = new ArrayList<>();
        stores.datasets()
                .forEachEmbeddedChunk(
                        chunk -> visited.add(String.valueOf(chunk.chunk().anchor())));
        assertThat(visited).containsExactlyInAnyOrder("section-0-ünï", "null");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aChunkCanBeDisabledAndEnabledAgain(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Chunk chunk = chunks(insert(stores, kb, "https://a.test/", 1, 0)).get(0);

        assertThat(stores.datasets().setChunkEnabled(chunk.datasetId(), chunk.id(), false))
                .hasValueSatisfying(off -> assertThat(off.enabled()).isFalse());
        assertThat(stores.datasets().findEnabledChunks(kb.id(), List.of(chunk.id())))
                .isEmpty();
        assertThat(stores.datasets().setChunkEnabled(chunk.datasetId(), chunk.id(), true))
                .contains(chunk);
        assertThat(stores.datasets().findEnabledChunks(kb.id(), List.of(chunk.id())))
                .hasSize(1);
        assertThat(stores.datasets().setChunkEnabled("dataset_other", chunk.id(), false))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void everyStoredChunkIsVisitedOnceWithItsVectorBitForBit(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Map<String, float[]> stored = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            int count = SqlDatasetStore.EMBEDDED_PAGE / 2 + 7 * i;
            insert(stores, kb, "https://a.test/" + i, count, i)
                    .chunks()
                    .forEach(chunk -> stored.put(chunk.chunk().id(), chunk.vector()));
        }
        Map<String, EmbeddedChunk> visited = new HashMap<>();

        stores.datasets()
                .forEachEmbeddedChunk(chunk ->
                        assertThat(visited.put(chunk.chunk().id(), chunk)).isNull());

        assertThat(visited.keySet()).isEqualTo(stored.keySet());
        assertThat(stores.datasets().chunkCount()).isEqualTo(stored.size());
        visited.forEach(
                (id, chunk) -> assertThat(bits(chunk.vector())).isEqualTo(bits(stored.getOrDefault(id, new float[0]))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aDatasetIsFoundByItsContentHashWithinItsKnowledgebaseOldestFirst(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Knowledgebase other = Fixtures.knowledgebase(stores);
        insert(stores, kb, "https://a.test/unrelated", 1, 0);
        Dataset older = insert(stores, kb, "https://a.test/same", 1, 1).dataset();
        insert(stores, kb, "https://a.test/same", 1, 2);
        Dataset foreign =
                insert(stores, other, "https://a.test/only-there", 1, 0).dataset();
        String hash = Objects.requireNonNull(older.contentHash());

        assertThat(stores.datasets().findByContentHash(kb.id(), hash)).contains(older);
        assertThat(stores.datasets().findByContentHash(other.id(), hash)).isEmpty();
        assertThat(stores.datasets().findByContentHash(kb.id(), "sha256:unknown"))
                .isEmpty();
        assertThat(stores.datasets().findByContentHash(other.id(), Objects.requireNonNull(foreign.contentHash())))
                .contains(foreign);
        assertThat(stores.datasets().findByContentHash(kb.id(), Objects.requireNonNull(foreign.contentHash())))
                .isEmpty();
    }

    private static int[] bits(float[] vector) {
        int[] bits = new int[vector.length];
        for (int i = 0; i < vector.length; i++) {
            bits[i] = Float.floatToRawIntBits(vector[i]);
        }
        return bits;
    }

    private static PageResult.Ingested insert(Stores stores, Knowledgebase kb, String url, int chunks, int second) {
        PageResult.Ingested page = Fixtures.ingested(kb.id(), url, chunks, List.of(), T0.plusSeconds(second));
        stores.datasets().insert(page.dataset(), page.chunks(), page.original());
        return page;
    }

    private static List<Chunk> chunks(PageResult.Ingested page) {
        return page.chunks().stream().map(EmbeddedChunk::chunk).toList();
    }
}
