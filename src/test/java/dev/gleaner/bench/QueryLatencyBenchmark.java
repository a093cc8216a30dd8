package dev.gleaner.bench;

import dev.gleaner.Ids;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.NewKnowledgebase;
import dev.gleaner.index.IndexHit;
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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Query latency as a knowledgebase grows: fills one knowledgebase (SQLite store + on-disk Lucene index) with
 * synthetic chunks of 60–120 words, embedded by the fast hashing embedder so that only retrieval is measured, and times
 * hybrid queries ({@code Retriever.query}: embed, BM25 + HNSW, fuse, confirm in SQL) at each size, then each stage
 * alone (p50 per stage) to show where the time goes. The query's CPU time is printed too: unlike the wall-clock time it
 * hardly changes when other processes compete for the machine's cores. A second knowledgebase of
 * {@value #OTHER_CHUNKS} chunks shares the index, as on a real deployment.
 *
 * <p>The text is realistic in its word statistics: a vocabulary of {@value #VOCABULARY} words drawn with Zipf's law
 * (exponent 1, the law of natural language), whose most frequent ranks are Lucene's English stop words (they take
 * about a third of all tokens, as "the", "of", "and"… do in English text) and the rest generated words. So the most
 * common content word is in about a fifth of the chunks and most words in very few, and questions (six words from the
 * same distribution) match as many chunks as real ones do, not nearly all of them. Usage: {@code bin/bench query
 * [chunks…]} (default 10000 100000).
 */
public final class QueryLatencyBenchmark {
    private static final String MODEL = "hashing-384";
    private static final int PER_DATASET = 1_000;
    private static final int QUERIES = 300;
    private static final int VOCABULARY = 50_000;
    private static final int OTHER_CHUNKS = 5_000;
    private static final int TOP_K = 5;

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
            Knowledgebase other = catalog.createKnowledgebase(
                    "owner_bench", project, new NewKnowledgebase("other", "lucene", MODEL, 500, 50));
            SqlDatasetStore store = new SqlDatasetStore(database);
            Retriever retriever = new Retriever(index, store, Map.of(MODEL, embedder));
            for (int stored = 0; stored < OTHER_CHUNKS; ) {
                stored += addDataset(other, store, index, embedder, vocabulary, random);
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int stored = 0;
            for (int size : sizes) {
                long fillStart = System.nanoTime();
                while (stored < size) {
                    stored += addDataset(kb, store, index, embedder, vocabulary, random);
                }
                index.commit();
                double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
                long[] nanos = new long[QUERIES];
                long[] cpuNanos = new long[QUERIES];
                long[][] stages = new long[4][QUERIES];
                for (int i = -50; i < QUERIES; i++) {
                    String question = sentence(vocabulary, random, 6);
                    long start = System.nanoTime();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    retriever.query(kb.id(), MODEL, question, TOP_K, 0.0);
                    long took = System.nanoTime() - start;
                    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
                    long[] stageNanos = stages(kb.id(), question, embedder, index, store);
                    if (i >= 0) {
                        nanos[i] = took;
                        cpuNanos[i] = cpu;
                        for (int s = 0; s < stageNanos.length; s++) {
                            stages[s][i] = stageNanos[s];
                        }
                    }
                }
                Arrays.sort(nanos);
                System.out.printf(
                        Locale.ROOT,
                        "%,d chunks (filled in %.0f s): hybrid query p50 %.1f ms, p99 %.1f ms over %d queries,"
                                + " CPU time p50 %.1f ms (stage p50: embed %.2f, HNSW nearest %.2f, BM25 matching %.2f,"
                                + " SQL confirmation %.2f ms)%n",
                        stored,
                        fillSeconds,
                        nanos[QUERIES / 2] / 1e6,
                        nanos[QUERIES * 99 / 100] / 1e6,
                        QUERIES,
                        median(cpuNanos),
                        median(stages[0]),
                        median(stages[1]),
                        median(stages[2]),
                        median(stages[3]));
            }
        }
        System.exit(0);
    }

    /** Each stage of a hybrid query timed alone, as {@code Retriever.query} runs them, in nanoseconds. */
    private static long[] stages(
            String knowledgebaseId,
            String question,
            HashingEmbedder embedder,
            LuceneIndex index,
            SqlDatasetStore store) {
        int candidates = TOP_K * 3;
        long start = System.nanoTime();
        float[] vector = embedder.embed(List.of(question)).get(0);
        long embedded = System.nanoTime();
        List<IndexHit> dense = index.nearest(knowledgebaseId, vector, candidates);
        long near = System.nanoTime();
        List<IndexHit> keyword = index.matching(knowledgebaseId, question, candidates);
        long matched = System.nanoTime();
        Set<String> ids = new LinkedHashSet<>();
        dense.forEach(hit -> ids.add(hit.chunkId()));
        keyword.forEach(hit -> ids.add(hit.chunkId()));
        store.findEnabledChunks(knowledgebaseId, List.copyOf(ids));
        long confirmed = System.nanoTime();
        return new long[] {embedded - start, near - embedded, matched - near, confirmed - matched};
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
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
        Dataset dataset = Dataset.builder()
                .id(datasetId)
                .knowledgebaseId(kb.id())
                .filename(datasetId + ".txt")
                .fileUrl("bench://" + datasetId)
                .title(datasetId)
                .extensionType("txt")
                .parsed(true)
                .contentHash(datasetId)
                .chunkCount(PER_DATASET)
                .createdAt(now)
                .updatedAt(now)
                .build();
        store.insert(dataset, chunks, new StoredFile("text/plain", datasetId.getBytes(StandardCharsets.UTF_8)));
        index.add(chunks);
        return PER_DATASET;
    }

    /** Lucene's English stop words first (the most frequent ranks), then distinct generated words. */
    private static String[] vocabulary(Random random) {
        Set<String> words = new LinkedHashSet<>();
        EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.forEach(word -> words.add(new String((char[]) word)));
        while (words.size() < VOCABULARY) {
            StringBuilder word = new StringBuilder();
            int length = 3 + random.nextInt(8);
            for (int c = 0; c < length; c++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }

    private static String sentence(String[] vocabulary, Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            // Zipf's law with exponent 1: rank r is drawn with probability about 1 / (r ln V).
            int rank = (int) Math.min(
                    vocabulary.length - 1, Math.floor(Math.pow(vocabulary.length + 1, random.nextDouble())) - 1);
            text.append(i == 0 ? "" : " ").append(vocabulary[rank]);
        }
        return text.toString();
    }
}
