package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.index.IndexHit;
import dev.gleaner.index.Retriever;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.MiniLmEmbedder;
import dev.gleaner.ingest.SourcedChunk;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlDatasetStore;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Retrieval quality on a BEIR-format collection, with the real pipeline: every corpus document is served as one page
 * of a loopback site and batch-imported by a running Gleaner (extraction, chunker, all-MiniLM-L6-v2, Lucene, SQLite);
 * then each query is answered from the same index and store by BM25 alone, dense alone and hybrid (the
 * {@link Retriever} of the query route), and nDCG@10 and recall@10 over documents are printed side by side, with a
 * last row for hybrid with the route's default {@code scoreThreshold}. A document ranks where its best chunk ranks.
 *
 * <p>Usage: {@code bin/bench eval [dir]} (default {@code src/test/resources/eval}).
 */
public final class Evaluation {
    static final int CUTOFF = 10;
    /** Chunks asked of each method per query, so that ten distinct documents remain after folding chunks. */
    static final int CHUNK_DEPTH = 50;
    /** The query route's default {@code scoreThreshold}, to show how much of the hybrid ranking it keeps. */
    static final double DEFAULT_THRESHOLD = 0.3;
    /** The most URLs one batch import takes (the API's limit). */
    private static final int BATCH = 10_000;

    private static final Duration IMPORT_DEADLINE = Duration.ofHours(2);
    private static final String DOC_PATH = "/doc/";

    private Evaluation() {}

    /** Mean nDCG@10, recall@10, and number of documents in the first ten results of one method. */
    record Scores(double ndcg, double recall, double returned) {}

    /** The methods' scores over {@code queries} queries of a {@code documents}-document corpus. */
    record Report(int documents, int queries, Scores bm25, Scores dense, Scores hybrid, Scores hybridThresholded) {
        String table() {
            return String.format(
                    "%d documents, %d queries%n%-11s %9s %10s %9s%n%-11s %9.4f %10.4f %9.1f%n%-11s %9.4f %10.4f %9.1f%n"
                            + "%-11s %9.4f %10.4f %9.1f%n%-11s %9.4f %10.4f %9.1f%n",
                    documents,
                    queries,
                    "method",
                    "nDCG@10",
                    "recall@10",
                    "returned",
                    "bm25",
                    bm25.ndcg(),
                    bm25.recall(),
                    bm25.returned(),
                    "dense",
                    dense.ndcg(),
                    dense.recall(),
                    dense.returned(),
                    "hybrid",
                    hybrid.ndcg(),
                    hybrid.recall(),
                    hybrid.returned(),
                    "hybrid@" + DEFAULT_THRESHOLD,
                    hybridThresholded.ndcg(),
                    hybridThresholded.recall(),
                    hybridThresholded.returned());
        }
    }

    public static void main(String[] args) throws Exception {
        Path set = Path.of(args.length > 0 ? args[0] : "src/test/resources/eval");
        Path data = Files.createTempDirectory("gleaner-eval");
        System.out.print(evaluate(set, new MiniLmEmbedder(), data).table());
    }

    /** Imports the collection in {@code set} into a new Gleaner in {@code data} and scores the three methods. */
    static Report evaluate(Path set, Embedder embedder, Path data) {
        BeirSet collection = BeirSet.read(set);
        String knowledgebaseId = ingest(collection, embedder, data);
        try (Database database = Database.sqlite(data.resolve(Database.SQLITE_FILE_NAME));
                LuceneIndex index = LuceneIndex.open(data.resolve("index"))) {
            SqlDatasetStore store = new SqlDatasetStore(database);
            Retriever retriever = new Retriever(index, store, Map.of(embedder.modelName(), embedder));
            List<List<String>> bm25 = new ArrayList<>();
            List<List<String>> dense = new ArrayList<>();
            List<List<String>> hybrid = new ArrayList<>();
            List<List<String>> hybridThresholded = new ArrayList<>();
            for (BeirSet.Question question : collection.queries()) {
                float[] vector = embedder.embed(List.of(question.text())).getFirst();
                bm25.add(documents(
                        store, knowledgebaseId, index.matching(knowledgebaseId, question.text(), CHUNK_DEPTH)));
                dense.add(documents(store, knowledgebaseId, index.nearest(knowledgebaseId, vector, CHUNK_DEPTH)));
                hybrid.add(hybridDocuments(retriever, knowledgebaseId, embedder, question, 0.0));
                hybridThresholded.add(
                        hybridDocuments(retriever, knowledgebaseId, embedder, question, DEFAULT_THRESHOLD));
            }
            return new Report(
                    collection.corpus().size(),
                    collection.queries().size(),
                    score(collection, bm25),
                    score(collection, dense),
                    score(collection, hybrid),
                    score(collection, hybridThresholded));
        }
    }

    private static List<String> hybridDocuments(
            Retriever retriever,
            String knowledgebaseId,
            Embedder embedder,
            BeirSet.Question question,
            double threshold) {
        return retriever.query(knowledgebaseId, embedder.modelName(), question.text(), CHUNK_DEPTH, threshold).stream()
                .map(hit -> documentId(hit.hit()))
                .distinct()
                .toList();
    }

    private static String ingest(BeirSet collection, Embedder embedder, Path data) {
        GleanerConfig config = TestApp.config(data).withCrawling(8, 8, Duration.ofMinutes(5), Duration.ZERO);
        try (TestApp app = TestApp.start(config, embedder);
                TestSite site = TestSite.start()) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < collection.corpus().size(); i++) {
                site.page(DOC_PATH + i, page(collection.corpus().get(i)));
                urls.add(site.url(DOC_PATH + i).toString());
            }
            Kb kb = Kb.create(app.newOwner());
            for (int from = 0; from < urls.size(); from += BATCH) {
                List<String> batch = urls.subList(from, Math.min(urls.size(), from + BATCH));
                JsonNode job =
                        kb.awaitFinished(kb.crawl(Map.of("urls", batch, "limit", batch.size())), IMPORT_DEADLINE);
                if (job.path("failed").asLong() > 0) {
                    System.err.println("some documents failed to import: " + job);
                }
            }
            return kb.id();
        }
    }

    /** The corpus index ({@code /doc/<i>}) a chunk's page was served at, as the document's position. */
    private static String documentId(SourcedChunk chunk) {
        String url = chunk.sourceUrl();
        return url == null ? "" : URI.create(url).getPath().substring(DOC_PATH.length());
    }

    /** The hits' documents, best first, each once. */
    private static List<String> documents(SqlDatasetStore store, String knowledgebaseId, List<IndexHit> hits) {
        Map<String, SourcedChunk> chunks =
                store
                        .findEnabledChunks(
                                knowledgebaseId,
                                hits.stream().map(IndexHit::chunkId).toList())
                        .stream()
                        .collect(Collectors.toMap(c -> c.chunk().id(), Function.identity()));
        Set<String> documents = new LinkedHashSet<>();
        for (IndexHit hit : hits) {
            SourcedChunk chunk = chunks.get(hit.chunkId());
            if (chunk != null) {
                documents.add(documentId(chunk));
            }
        }
        return List.copyOf(documents);
    }

    private static Scores score(BeirSet collection, List<List<String>> rankings) {
        Map<String, String> corpusIds = new HashMap<>();
        for (int i = 0; i < collection.corpus().size(); i++) {
            corpusIds.put(Integer.toString(i), collection.corpus().get(i).id());
        }
        double ndcg = 0;
        double recall = 0;
        double returned = 0;
        for (int q = 0; q < collection.queries().size(); q++) {
            List<String> ranked = rankings.get(q).stream()
                    .map(i -> corpusIds.getOrDefault(i, ""))
                    .toList();
            Map<String, Integer> relevant = collection
                    .relevance()
                    .getOrDefault(collection.queries().get(q).id(), Map.of());
            ndcg += RankingMetrics.ndcg(ranked, relevant, CUTOFF);
            recall += RankingMetrics.recall(ranked, relevant, CUTOFF);
            returned += Math.min(CUTOFF, ranked.size());
        }
        int n = Math.max(1, collection.queries().size());
        return new Scores(ndcg / n, recall / n, returned / n);
    }

    private static String page(BeirSet.Document document) {
        String title = escape(document.title().isBlank() ? "Document " + document.id() : document.title());
        StringBuilder body = new StringBuilder();
        for (String paragraph : document.text().split("\\n\\s*\\n")) {
            body.append("<p>").append(escape(paragraph)).append("</p>");
        }
        return "<!doctype html><html><head><title>" + title + "</title></head><body><main><h1>" + title + "</h1>" + body
                + "</main></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
