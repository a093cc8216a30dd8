package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieval test collection in BEIR's layout: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}),
 * {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels.tsv} (query-id, corpus-id, score; a header line
 * first). Only the queries that have at least one relevant document are kept.
 */
record BeirSet(List<Document> corpus, List<Question> queries, Map<String, Map<String, Integer>> relevance) {
    /** The most documents or queries read from one file. */
    static final int MAX_LINES = 1_000_000;

    record Document(String id, String title, String text) {}

    record Question(String id, String text) {}

    BeirSet {
        corpus = List.copyOf(corpus);
        queries = List.copyOf(queries);
        relevance = Map.copyOf(relevance);
    }

    static BeirSet read(Path directory) {
        ObjectMapper json = new ObjectMapper();
        List<Document> corpus = new ArrayList<>();
        for (JsonNode line : jsonLines(json, directory.resolve("corpus.jsonl"))) {
            corpus.add(new Document(
                    line.path("_id").asText(),
                    line.path("title").asText(""),
                    line.path("text").asText("")));
        }
        Map<String, Map<String, Integer>> relevance = qrels(directory.resolve("qrels.tsv"));
        List<Question> queries = new ArrayList<>();
        for (JsonNode line : jsonLines(json, directory.resolve("queries.jsonl"))) {
            String id = line.path("_id").asText();
            if (relevance.containsKey(id)) {
                queries.add(new Question(id, line.path("text").asText()));
            }
        }
        return new BeirSet(corpus, queries, relevance);
    }

    private static List<JsonNode> jsonLines(ObjectMapper json, Path file) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines(file)) {
            if (!line.isBlank()) {
                try {
                    nodes.add(json.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON line in " + file + ": " + line, e);
                }
            }
        }
        return nodes;
    }

    /** Query id → (document id → graded relevance), relevance above 0 only. */
    private static Map<String, Map<String, Integer>> qrels(Path file) {
        Map<String, Map<String, Integer>> relevance = new HashMap<>();
        List<String> lines = lines(file);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.strip().split("\t");
            if (fields.length >= 3 && Integer.parseInt(fields[2].strip()) > 0) {
                relevance
                        .computeIfAbsent(fields[0].strip(), q -> new LinkedHashMap<>())
                        .put(fields[1].strip(), Integer.parseInt(fields[2].strip()));
            }
        }
        return relevance;
    }

    private static List<String> lines(Path file) {
        try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
            return stream.limit(MAX_LINES).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
