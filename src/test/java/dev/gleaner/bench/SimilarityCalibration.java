package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.ingest.BundledModels;
import dev.gleaner.ingest.ChunkText;
import dev.gleaner.ingest.Chunker;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * How each bundled model's cosine similarities spread on a BEIR-format set, to calibrate the dense evidence of the
 * query route: the set's documents are chunked as the pipeline chunks them (500 characters, 50 overlap, title and
 * heading path embedded with the text), and for every question the best cosine of a chunk of a relevant document is
 * printed beside the best cosine of any chunk for the set's unanswerable questions ({@code unanswerable.jsonl}).
 * Also the embedding rate of each model on those chunks, the models measured one after the other in one process so
 * that they see the same load. Usage: {@code bin/bench similarity [dir…]} (default {@code src/test/resources/eval}).
 */
public final class SimilarityCalibration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean VERBOSE = Boolean.getBoolean("verbose");

    private SimilarityCalibration() {}

    public static void main(String[] args) throws IOException {
        List<Path> sets = args.length == 0
                ? List.of(Path.of("src/test/resources/eval"))
                : Arrays.stream(args).map(Path::of).toList();
        ExecutorService threads = EmbeddingThreads.sizedToProcessors();
        try {
            for (Path set : sets) {
                calibrate(set, BundledModels.all(threads));
            }
        } finally {
            threads.shutdown();
        }
        System.exit(0);
    }

    private static void calibrate(Path set, List<Embedder> models) throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        Chunker chunker = new Chunker();
        for (String line : Files.readAllLines(set.resolve("corpus.jsonl"))) {
            JsonNode document = JSON.readTree(line);
            String title = document.path("title").asText();
            for (ChunkText chunk : chunker.chunk(document.path("text").asText(), 500, 50)) {
                texts.add(chunk.embeddingText(title));
                documents.add(document.path("_id").asText());
            }
        }
        Map<String, String> questions = read(set.resolve("queries.jsonl"));
        Map<String, String> unanswerable =
                Files.exists(set.resolve("unanswerable.jsonl")) ? read(set.resolve("unanswerable.jsonl")) : Map.of();
        Map<String, Set<String>> relevant = new HashMap<>();
        for (String line : Files.readAllLines(set.resolve("qrels.tsv"))) {
            String[] fields = line.split("\t");
            if (fields.length == 3 && !fields[0].equals("query-id") && Integer.parseInt(fields[2].trim()) > 0) {
                relevant.computeIfAbsent(fields[0], q -> new HashSet<>()).add(fields[1]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d chunks, %d questions, %d unanswerable%n",
                set,
                texts.size(),
                questions.size(),
                unanswerable.size());
        System.out.printf(
                Locale.ROOT,
                "%-22s %8s | %-33s | %-33s%n",
                "model",
                "chunks/s",
                "relevant best cos p10 p25 p50",
                "unanswerable best cos p50 p90 max");
        for (Embedder model : models) {
            model.embed(List.of("load the model before it is timed"));
            long start = System.nanoTime();
            List<float[]> vectors = model.embed(texts);
            double rate = texts.size() / ((System.nanoTime() - start) / 1e9);
            double[] answered = questions.entrySet().stream()
                    .filter(q -> relevant.containsKey(q.getKey()))
                    .mapToDouble(
                            q -> best(model.embedQuery(q.getValue()), vectors, documents, relevant.get(q.getKey())))
                    .sorted()
                    .toArray();
            Map<String, Double> unansweredByQuestion = new java.util.TreeMap<>();
            unanswerable
                    .values()
                    .forEach(q -> unansweredByQuestion.put(q, best(model.embedQuery(q), vectors, documents, null)));
            double[] unanswered = unansweredByQuestion.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %8.1f | %10.3f %10.3f %10.3f | %10.3f %10.3f %10.3f%n",
                    model.modelName(),
                    rate,
                    percentile(answered, 10),
                    percentile(answered, 25),
                    percentile(answered, 50),
                    percentile(unanswered, 50),
                    percentile(unanswered, 90),
                    percentile(unanswered, 100));
            if (VERBOSE) {
                unansweredByQuestion.forEach((q, cos) -> System.out.printf(Locale.ROOT, "    %.3f  %s%n", cos, q));
            }
        }
    }

    /** The best cosine of {@code question} with a chunk of one of {@code among} (any chunk when null). */
    private static double best(
            float[] question, List<float[]> vectors, List<String> documents, @Nullable Set<String> among) {
        double best = -1;
        for (int i = 0; i < vectors.size(); i++) {
            if (among == null || among.contains(documents.get(i))) {
                float[] vector = vectors.get(i);
                double dot = 0;
                for (int d = 0; d < vector.length; d++) {
                    dot += question[d] * vector[d];
                }
                best = Math.max(best, dot);
            }
        }
        return best;
    }

    private static double percentile(double[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static Map<String, String> read(Path jsonl) throws IOException {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                texts.put(node.path("_id").asText(), node.path("text").asText());
            }
        }
        return texts;
    }
}
