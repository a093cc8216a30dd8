package dev.gleaner.bench;

import dev.gleaner.Ids;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.NewKnowledgebase;
import dev.gleaner.index.Retriever;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.ingest.StoredFile;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlCatalogStore;
import dev.gleaner.store.SqlDatasetStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Query latency as a knowledgebase grows: fills one knowledgebase (SQLite store + on-disk Lucene index) with
 * synthetic chunks of 60–120 words from a 5,000-word vocabulary, embedded by the fast hashing embedder so that only
 * retrieval is measured, and times hybrid queries ({@code Retriever.query}: embed, BM25 + HNSW, fuse, confirm in SQL)
 * at each size. Usage: {@code bin/bench query [chunks…]} (default 10000 100000).
 */
public final class QueryLatencyBenchmark {
    private static final String MODEL = "hashing-384";
    private static final int PER_DATASET = 1_000;
    private static final int QUERIES = 300;

    private QueryLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0
                ? new int[] {10_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Path dir = Files.createTempDirectory("gleaner-bench-query");
        HashingEmbedder embedder = new HashingEmbedder(MODEL, 384);
        Random random = new Random(42);
        String[] vocabulary = vocabulary(random);
        try (Database database = Database.sqlite(dir.resolve("gleaner.db"));
                LuceneIndex index = LuceneIndex.open(dir.resolve("index"))) {
            Catalog catalog =
                    new Catalog(new SqlCatalogStore(database), index, Set.of(MODEL), "lucene", Clock.systemUTC());
            String project = catalog.createProject("owner_bench", "bench").id();
            Knowledgebase kb = catalog.createKnowledgebase(
                    "owner_bench", project, new NewKnowledgebase("bench", "lucene", MODEL, 500, 50));
            SqlDatasetStore store = new SqlDatasetStore(database);
            Retriever retriever = new Retriever(index, store, Map.of(MODEL, embedder));
            int stored = 0;
            for (int size : sizes) {
                long fillStart = System.nanoTime();
                while (stored < size) {
                    stored += addDataset(kb, store, index, embedder, vocabulary, random);
                }
                index.commit();
                double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
                long[] nanos = new long[QUERIES];
                for (int i = -50; i < QUERIES; i++) {
                    String question = sentence(vocabulary, random, 6);
                    long start = System.nanoTime();
                    retriever.query(kb.id(), MODEL, question, 5, 0.0);
                    if (i >= 0) {
                        nanos[i] = System.nanoTime() - start;
                    }
                }
                Arrays.sort(nanos);
                System.out.printf(
                        "%,d chunks (filled in %.0f s): hybrid query p50 %.1f ms, p99 %.1f ms over %d queries%n",
                        stored, fillSeconds, nanos[QUERIES / 2] / 1e6, nanos[QUERIES * 99 / 100] / 1e6, QUERIES);
            }
        }
        System.exit(0);
    }

    private static int addDataset(
            Knowledgebase kb,
            SqlDatasetStore store,
            LuceneIndex index,
            HashingEmbedder embedder,
            String[] vocabulary,
            Random random) {
        String datasetId = Ids.next("dataset");
        List<String> texts = new ArrayList<>(PER_DATASET);
        for (int i = 0; i < PER_DATASET; i++) {
            texts.add(sentence(vocabulary, random, 60 + random.nextInt(60)));
        }
        List<float[]> vectors = embedder.embed(texts);
        List<EmbeddedChunk> chunks = new ArrayList<>(PER_DATASET);
        for (int i = 0; i < PER_DATASET; i++) {
            chunks.add(new EmbeddedChunk(
                    new Chunk(
                            Ids.next("chunk"), datasetId, kb.id(), i, texts.get(i), List.of("Section " + i / 10), true),
                    vectors.get(i)));
        }
        Instant now = Instant.now();
        Dataset dataset = new Dataset(
                datasetId,
                kb.id(),
                null,
                datasetId + ".txt",
                "bench://" + datasetId,
                null,
                datasetId,
                "txt",
                0,
                true,
                datasetId,
                PER_DATASET,
                null,
                now,
                now);
        store.insert(dataset, chunks, new StoredFile("text/plain", datasetId.getBytes(StandardCharsets.UTF_8)));
        index.add(chunks);
        return PER_DATASET;
    }

    private static String[] vocabulary(Random random) {
        String[] words = new String[5_000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            int length = 3 + random.nextInt(7);
            for (int c = 0; c < length; c++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.toString();
        }
        return words;
    }

    private static String sentence(String[] vocabulary, Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            // Zipf-like: a few words are common, most are rare, as in real text.
            int rank =
                    (int) Math.min(vocabulary.length - 1, Math.floor(Math.pow(vocabulary.length, random.nextDouble())));
            text.append(i == 0 ? "" : " ").append(vocabulary[rank]);
        }
        return text.toString();
    }
}
