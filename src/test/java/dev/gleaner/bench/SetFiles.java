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

/** Reading the files of an evaluation set: JSON lines of questions, and BEIR's {@code qrels.tsv}. */
final class SetFiles {
    /** The most lines read from one file. */
    static final int MAX_LINES = 1_000_000;

    /** The file that lists questions without an answer in the set ({@code _id}, {@code text}); optional. */
    static final String UNANSWERABLE = "unanswerable.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SetFiles() {}

    /** Every non-blank line of {@code file} as JSON. */
    static List<JsonNode> jsonLines(Path file) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines(file)) {
            if (!line.isBlank()) {
                try {
                    nodes.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON line in " + file + ": " + line, e);
                }
            }
        }
        return nodes;
    }

    /** The questions ({@code _id}, {@code text}) of a JSON-lines file. */
    static List<EvaluationSet.Question> questions(Path file) {
        return jsonLines(file).stream()
                .map(line -> new EvaluationSet.Question(
                        line.path("_id").asText(), line.path("text").asText()))
                .toList();
    }

    /** The set's unanswerable questions: those of {@link #UNANSWERABLE}, none when the file is absent. */
    static List<EvaluationSet.Question> unanswerable(Path directory) {
        Path file = directory.resolve(UNANSWERABLE);
        return Files.isRegularFile(file) ? questions(file) : List.of();
    }

    /** Query id → (unit id → graded relevance), relevance above 0 only; a header line first. */
    static Map<String, Map<String, Integer>> qrels(Path file) {
        Map<String, Map<String, Integer>> relevance = new HashMap<>();
        List<String> lines = lines(file);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.strip().split("\t", -1);
            if (fields.length >= 3 && Integer.parseInt(fields[2].strip()) > 0) {
                relevance
                        .computeIfAbsent(fields[0].strip(), q -> new LinkedHashMap<>())
                        .put(fields[1].strip(), Integer.parseInt(fields[2].strip()));
            }
        }
        return relevance;
    }

    static List<String> lines(Path file) {
        try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
            return stream.limit(MAX_LINES).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
