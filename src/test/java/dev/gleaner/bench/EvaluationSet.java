package dev.gleaner.bench;

import dev.gleaner.ingest.SourcedChunk;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A retrieval test collection the evaluation imports through the real pipeline: pages to serve on a loopback site, the
 * crawl requests that import them, questions with graded relevance judgements over <em>units</em> (a document of a
 * BEIR set, a section of a page of a documentation site), and questions that have no answer in the collection.
 */
sealed interface EvaluationSet permits BeirSet, DocSiteSet {
    /** A question as a user would ask it. */
    record Question(String id, String text) {}

    /** What the collection holds, e.g. {@code 47 documents}. */
    String describe();

    /** The questions with at least one relevant unit. */
    List<Question> queries();

    /** Questions nothing in the collection answers; a good ranking returns nothing for them above its threshold. */
    List<Question> unanswerable();

    /** Question id → (unit id → grade above 0). */
    Map<String, Map<String, Integer>> relevance();

    /** Registers the collection's pages on {@code site}; returns the crawl requests (API bodies) that import them. */
    List<Map<String, Object>> publish(TestSite site);

    /** The unit a retrieved chunk belongs to; one the qrels do not name counts as not relevant. */
    String unitOf(SourcedChunk chunk);

    /**
     * Every unit a retrieved chunk counts for, its own ({@link #unitOf}) first: a chunk that holds several units' text
     * (a section merged with the short ones after it) shows the reader each of them.
     */
    default List<String> unitsOf(SourcedChunk chunk) {
        return List.of(unitOf(chunk));
    }

    /**
     * Reads the collection in {@code directory}, recognised by its files: {@code corpus.jsonl} for a BEIR set,
     * {@code site/} with {@code qrels.tsv} for a documentation site.
     */
    static EvaluationSet read(Path directory) {
        if (Files.isRegularFile(directory.resolve("corpus.jsonl"))) {
            return BeirSet.read(directory);
        }
        if (Files.isDirectory(directory.resolve(DocSiteSet.SITE))) {
            return DocSiteSet.read(directory);
        }
        throw new IllegalArgumentException(directory + " holds no evaluation set: expected corpus.jsonl, queries.jsonl"
                + " and qrels.tsv (BEIR) or site/, questions.jsonl and qrels.tsv (documentation site)");
    }
}
