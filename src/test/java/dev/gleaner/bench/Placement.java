package dev.gleaner.bench;

import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.SourcedChunk;
import dev.gleaner.store.SqlDatasetStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the stored chunks of an import fall among the set's units: in a known unit, under a heading no page of the set
 * has (e.g. text an extractor took from navigation, or a heading it rendered differently), under a heading without an
 * anchor (a page title, say), or before any heading.
 * Shows at a glance whether section-level scores can be trusted and what the extraction keeps.
 *
 * @param unplacedHeadings the unmatched headings, most frequent first, with their chunk counts
 */
record Placement(long chunks, long unplaced, long anchorless, long beforeHeadings, Map<String, Long> unplacedHeadings) {
    private static final int PAGE = 500;
    private static final int SHOWN = 12;

    Placement {
        unplacedHeadings = Map.copyOf(unplacedHeadings);
    }

    static Placement of(EvaluationSet set, SqlDatasetStore store, String knowledgebaseId) {
        long chunks = 0;
        long unplaced = 0;
        long before = 0;
        long anchorless = 0;
        Map<String, Long> headings = new TreeMap<>();
        for (int offset = 0; ; offset += PAGE) {
            List<Dataset> datasets = store.list(knowledgebaseId, PAGE, offset);
            for (Dataset dataset : datasets) {
                for (Chunk chunk : store.chunks(dataset.id())) {
                    String unit = set.unitOf(new SourcedChunk(chunk, dataset.sourceUrl(), dataset.title()));
                    chunks++;
                    if (unit.contains("#?")) {
                        unplaced++;
                        headings.merge(unit, 1L, Long::sum);
                    } else if (unit.contains("#:")) {
                        anchorless++;
                    } else if (unit.endsWith("#")) {
                        before++;
                    }
                }
            }
            if (datasets.size() < PAGE) {
                break;
            }
        }
        return new Placement(chunks, unplaced, anchorless, before, headings);
    }

    String describe() {
        String shown = unplacedHeadings.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(SHOWN)
                .map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining("; "));
        return String.format(
                Locale.ROOT,
                "chunks: %d, %d before any heading, %d under a heading without anchor, %d under a heading no page has%s%n",
                chunks,
                beforeHeadings,
                anchorless,
                unplaced,
                shown.isEmpty() ? "" : " (" + shown + ")");
    }
}
