package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.PolitenessConfig;
import dev.gleaner.index.IndexHit;
import dev.gleaner.index.Retriever;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.ingest.BgeSmallQuantizedEmbedder;
import dev.gleaner.ingest.E5SmallQuantizedEmbedder;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingThreads;
import dev.gleaner.ingest.MiniLmEmbedder;
import dev.gleaner.ingest.MiniLmQuantizedEmbedder;
import dev.gleaner.ingest.SourcedChunk;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlDatasetStore;
import dev.gleaner.testapp.DefaultSettings;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Retrieval quality with the real pipeline: the set's pages are served on a loopback site and imported by a running
 * Gleaner (a crawl from the site's index page, or a batch import of every page; extraction, chunker, the chosen
 * embedding model, Lucene, SQLite); then each question is answered from the same index and store by BM25 alone, dense
 * alone and hybrid (the {@link Retriever} of the query route). A unit (a document, or a section of a page) ranks where
 * its best chunk ranks. See {@link EvaluationReport} for what is printed.
 *
 * <p>Usage: {@code bin/bench eval [--model NAME]… [--misses] [dir]} (default {@code src/test/resources/eval}; model
 * names as a knowledgebase's {@code embeddingModelName}: {@value MiniLmEmbedder#MODEL_NAME} (default),
 * {@value MiniLmQuantizedEmbedder#MODEL_NAME}; repeat {@code --model} to evaluate several, one after the other;
 * {@code --misses} also lists the questions hybrid retrieval has no relevant unit for in its first five).
 */
public final class Evaluation {
    static final int CUTOFF = 10;
    /** Chunks asked of each method per query, so that ten distinct units remain after folding chunks. */
    static final int CHUNK_DEPTH = 50;
    /** The query route's default {@code scoreThreshold}. */
    static final double DEFAULT_THRESHOLD = DefaultSettings.apiLimits().defaultScoreThreshold();
    /** The thresholds hybrid retrieval is shown at, to calibrate the default on. */
    static final List<Double> SWEEP = List.of(0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6);

    private static final Duration IMPORT_DEADLINE = Duration.ofHours(2);

    private Evaluation() {}

    public static void main(String[] args) throws Exception {
        List<String> models = new ArrayList<>();
        Path directory = Path.of("src/test/resources/eval");
        boolean misses = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--model") && i + 1 < args.length) {
                models.add(args[++i]);
            } else if (args[i].equals("--misses")) {
                misses = true;
            } else if (args[i].startsWith("--")) {
                throw new IllegalArgumentException(
                        "unknown option " + args[i] + "; usage: eval [--model NAME]… [--misses] [dir]");
            } else {
                directory = Path.of(args[i]);
            }
        }
        if (models.isEmpty()) {
            models.add(MiniLmEmbedder.MODEL_NAME);
        }
        ExecutorService threads = EmbeddingThreads.sizedToProcessors();
        try {
            List<Embedder> embedders =
                    models.stream().map(name -> model(name, threads)).toList();
            for (Embedder embedder : embedders) {
                Path data = Files.createTempDirectory("gleaner-eval");
                embedder.embed(List.of("Models load on first use: load it before its rate is measured."));
                EvaluationReport report = evaluate(directory, embedder, data);
                System.out.print(report.table());
                if (misses) {
                    report.misses().forEach(miss -> System.out.println(miss.describe()));
                }
                System.out.println();
            }
        } finally {
            threads.shutdown();
        }
    }

    /** The in-process model a knowledgebase names {@code name}, running on {@code executor}. */
    static Embedder model(String name, Executor executor) {
        return switch (name) {
            case MiniLmEmbedder.MODEL_NAME -> new MiniLmEmbedder(executor);
            case MiniLmQuantizedEmbedder.MODEL_NAME -> new MiniLmQuantizedEmbedder(executor);
            case BgeSmallQuantizedEmbedder.MODEL_NAME -> new BgeSmallQuantizedEmbedder(executor);
            case E5SmallQuantizedEmbedder.MODEL_NAME -> new E5SmallQuantizedEmbedder(executor);
            default ->
                throw new IllegalArgumentException("unknown embedding model '" + name + "'; use "
                        + String.join(
                                ", ",
                                MiniLmEmbedder.MODEL_NAME,
                                MiniLmQuantizedEmbedder.MODEL_NAME,
                                BgeSmallQuantizedEmbedder.MODEL_NAME,
                                E5SmallQuantizedEmbedder.MODEL_NAME));
        };
    }

    /** Imports the set in {@code directory} into a new Gleaner in {@code data} and scores the three methods. */
    static EvaluationReport evaluate(Path directory, Embedder embedder, Path data) {
        EvaluationSet set = EvaluationSet.read(directory);
        MeteredEmbedder metered = new MeteredEmbedder(embedder);
        Imported imported = ingest(set, metered, data);
        try (Database database = Database.sqlite(data.resolve(Database.SQLITE_FILE_NAME));
                LuceneIndex index = LuceneIndex.open(data.resolve("index"))) {
            SqlDatasetStore store = new SqlDatasetStore(database);
            Rankings rankings = new Rankings(
                    set, store, index, new Retriever(index, store, Map.of(embedder.modelName(), embedder)), embedder);
            Map<String, Methods> answerable = new LinkedHashMap<>();
            for (EvaluationSet.Question question : set.queries()) {
                answerable.put(question.id(), rankings.of(imported.knowledgebaseId(), question.text()));
            }
            List<Methods> unanswerable = set.unanswerable().stream()
                    .map(question -> rankings.of(imported.knowledgebaseId(), question.text()))
                    .toList();
            Scorer scorer = new Scorer(set.relevance(), answerable);
            List<EvaluationReport.Cut> sweep = SWEEP.stream()
                    .map(t -> new EvaluationReport.Cut(
                            t,
                            scorer.score(m -> m.hybrid().above(t)),
                            scorer.emptyShare(m -> m.hybrid().above(t)),
                            answered(unanswerable, m -> m.hybrid().above(t))))
                    .toList();
            return new EvaluationReport(
                    set.describe(),
                    embedder.modelName(),
                    answerable.size(),
                    unanswerable.size(),
                    new EvaluationReport.Import(
                            imported.pages(),
                            imported.failed(),
                            index.size(),
                            imported.seconds(),
                            imported.rate(),
                            Placement.of(set, store, imported.knowledgebaseId())),
                    scorer.score(Methods::bm25),
                    scorer.score(Methods::dense),
                    scorer.score(Methods::hybrid),
                    scorer.score(m -> m.hybrid().above(DEFAULT_THRESHOLD)),
                    pageLevel(set, scorer),
                    misses(set, answerable),
                    new EvaluationReport.PerMethod(
                            answered(unanswerable, m -> m.bm25().above(DEFAULT_THRESHOLD)),
                            answered(unanswerable, m -> m.dense().above(DEFAULT_THRESHOLD)),
                            answered(unanswerable, m -> m.hybrid().above(DEFAULT_THRESHOLD))),
                    sweep);
        }
    }

    /** For a set judged by section, the scores by page (the unit up to its {@code #}); none for other sets. */
    private static List<EvaluationReport.Row> pageLevel(EvaluationSet set, Scorer scorer) {
        if (!(set instanceof DocSiteSet)) {
            return List.of();
        }
        Scorer pages = scorer.coarsened(unit -> unit.contains("#") ? unit.substring(0, unit.indexOf('#')) : unit);
        return List.of(
                new EvaluationReport.Row("bm25", pages.score(Methods::bm25)),
                new EvaluationReport.Row("dense", pages.score(Methods::dense)),
                new EvaluationReport.Row("hybrid", pages.score(Methods::hybrid)));
    }

    /** The answerable questions with no relevant unit in hybrid retrieval's first five. */
    private static List<EvaluationReport.Miss> misses(EvaluationSet set, Map<String, Methods> answers) {
        List<EvaluationReport.Miss> misses = new ArrayList<>();
        for (EvaluationSet.Question question : set.queries()) {
            Map<String, Integer> relevant = set.relevance().getOrDefault(question.id(), Map.of());
            Methods answer = answers.get(question.id());
            List<String> ranked = answer == null ? List.of() : answer.hybrid().units();
            if (RankingMetrics.hit(ranked, relevant, 5) == 0) {
                misses.add(new EvaluationReport.Miss(
                        question, List.copyOf(relevant.keySet()), ranked.subList(0, Math.min(3, ranked.size()))));
            }
        }
        return misses;
    }

    private static int answered(List<Methods> questions, Function<Methods, Ranking> method) {
        return (int) questions.stream()
                .filter(m -> !method.apply(m).units().isEmpty())
                .count();
    }

    private record Imported(
            String knowledgebaseId, long pages, long failed, double seconds, MeteredEmbedder.Rate rate) {}

    private static Imported ingest(EvaluationSet set, MeteredEmbedder embedder, Path data) {
        GleanerConfig config = TestApp.config(data)
                .withCrawl(c -> c.withWorkers(8))
                .withPoliteness(p -> new PolitenessConfig(8, Duration.ZERO));
        try (TestApp app = TestApp.start(config, embedder);
                TestSite site = TestSite.start()) {
            List<Map<String, Object>> requests = set.publish(site);
            Kb kb = Kb.create(app.newOwner(), Map.of("embeddingModelName", embedder.modelName()));
            long started = System.nanoTime();
            long pages = 0;
            long failed = 0;
            for (Map<String, Object> request : requests) {
                JsonNode job = kb.awaitFinished(kb.crawl(request), IMPORT_DEADLINE);
                pages += job.path("done").asLong();
                failed += job.path("failed").asLong();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Imported(kb.id(), pages, failed, seconds, embedder.rate());
        }
    }

    /** One question's ranked units by each method. */
    record Methods(Ranking bm25, Ranking dense, Ranking hybrid) {}

    /** The answers of each method to a question, read from the imported index and store. */
    private record Rankings(
            EvaluationSet set, SqlDatasetStore store, LuceneIndex index, Retriever retriever, Embedder embedder) {
        Methods of(String knowledgebaseId, String question) {
            float[] vector = embedder.embedQuery(question);
            return new Methods(
                    fold(index.matching(knowledgebaseId, question, CHUNK_DEPTH), knowledgebaseId),
                    fold(index.nearest(knowledgebaseId, vector, CHUNK_DEPTH), knowledgebaseId),
                    Ranking.of(
                            retriever.query(knowledgebaseId, embedder.modelName(), question, CHUNK_DEPTH, 0.0).stream()
                                    .flatMap(hit -> set.unitsOf(hit.hit()).stream()
                                            .map(unit -> new Ranking.Scored(unit, hit.score())))
                                    .toList()));
        }

        /**
         * One list's hits, confirmed by the store, as units scored by what that list alone gives a chunk in the
         * route's fusion: its evidence clipped to [0, 1] times its rank weight.
         */
        private Ranking fold(List<IndexHit> hits, String knowledgebaseId) {
            Map<String, SourcedChunk> chunks =
                    store
                            .findEnabledChunks(
                                    knowledgebaseId,
                                    hits.stream().map(IndexHit::chunkId).toList())
                            .stream()
                            .collect(Collectors.toMap(c -> c.chunk().id(), Function.identity()));
            List<Ranking.Scored> scored = new ArrayList<>();
            for (int i = 0; i < hits.size(); i++) {
                SourcedChunk chunk = chunks.get(hits.get(i).chunkId());
                if (chunk != null) {
                    double evidence = Math.clamp(hits.get(i).similarity(), 0.0, 1.0);
                    double rankWeight = (Retriever.RRF_K + 1.0) / (Retriever.RRF_K + i + 1.0);
                    for (String unit : set.unitsOf(chunk)) {
                        scored.add(new Ranking.Scored(unit, evidence * rankWeight));
                    }
                }
            }
            return Ranking.of(scored);
        }
    }
}
