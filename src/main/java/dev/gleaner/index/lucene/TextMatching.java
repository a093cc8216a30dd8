package dev.gleaner.index.lucene;

import dev.gleaner.index.IndexHit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Keyword search over the analyzed chunk text: BM25 ranks the chunks holding any of the question's terms, and each hit
 * is given its <em>coverage</em>, the idf-weighted share of the question's distinct terms it holds, in [0, 1] (1 when it
 * holds them all, near 0 when it shares only common words). Terms no chunk of the field holds are left out of the
 * share. All statistics (BM25's and the coverage's idf) are those of the searched field alone: the index keeps one
 * field per knowledgebase. The question is never parsed as query syntax: it is cut into terms by the index's analyzer
 * and each term becomes a term query, so no character of it has a special meaning.
 */
final class TextMatching {
    /** The most distinct terms of one question that are searched for; the rest are ignored. */
    static final int MAX_QUERY_TERMS = 256;

    private final Analyzer analyzer;
    private final String idField;

    TextMatching(Analyzer analyzer, String idField) {
        this.analyzer = analyzer;
        this.idField = idField;
    }

    /** The {@code limit} best BM25 matches of {@code question} in {@code textField}. */
    List<IndexHit> search(IndexSearcher searcher, String textField, String question, int limit) throws IOException {
        List<String> terms = terms(textField, question);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder anyTerm = new BooleanQuery.Builder();
        for (String term : terms) {
            anyTerm.add(new TermQuery(new Term(textField, term)), Occur.SHOULD);
        }
        // Top-k with a total-hits threshold: past it, Lucene skips blocks that cannot reach the top (block-max WAND).
        ScoreDoc[] found = searcher.search(anyTerm.build(), limit).scoreDocs;
        StoredFields storedFields = searcher.storedFields();
        List<String> ids = new ArrayList<>(found.length);
        for (ScoreDoc scoreDoc : found) {
            String id = storedFields.document(scoreDoc.doc, Set.of(idField)).get(idField);
            if (id != null) {
                ids.add(id);
            }
        }
        Map<String, Double> coverage = coverage(searcher, textField, terms, ids);
        List<IndexHit> hits = new ArrayList<>(ids.size());
        for (String id : ids) {
            hits.add(new IndexHit(id, coverage.getOrDefault(id, 0.0)));
        }
        return hits;
    }

    /**
     * Scores the found documents again, each term counting its idf once when present: the sum over the whole question
     * is the most a document can reach, and the share of it a document reaches is its coverage.
     */
    private Map<String, Double> coverage(IndexSearcher searcher, String textField, List<String> terms, List<String> ids)
            throws IOException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        IndexReader reader = searcher.getIndexReader();
        double total = 0;
        BooleanQuery.Builder weighted = new BooleanQuery.Builder();
        for (String text : terms) {
            Term term = new Term(textField, text);
            int docFreq = reader.docFreq(term);
            if (docFreq == 0) {
                // A word no chunk holds tells nothing about this collection: it would lower every coverage alike.
                continue;
            }
            float idf = idf(docFreq, reader.getDocCount(textField));
            total += idf;
            weighted.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(term)), idf), Occur.SHOULD);
        }
        List<BytesRef> idTerms = ids.stream().map(BytesRef::new).toList();
        Query query = new BooleanQuery.Builder()
                .add(weighted.build(), Occur.MUST)
                .add(new TermInSetQuery(idField, idTerms), Occur.FILTER)
                .build();
        Map<String, Double> coverage = new HashMap<>();
        StoredFields storedFields = searcher.storedFields();
        for (ScoreDoc scoreDoc : searcher.search(query, ids.size()).scoreDocs) {
            String id = storedFields.document(scoreDoc.doc, Set.of(idField)).get(idField);
            if (id != null && total > 0) {
                coverage.put(id, Math.min(1.0, scoreDoc.score / total));
            }
        }
        return coverage;
    }

    /** BM25's inverse document frequency, always positive. */
    private static float idf(long docFreq, long docCount) {
        return (float) Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
    }

    /** The question's distinct terms as the analyzer cuts them, at most {@link #MAX_QUERY_TERMS}. */
    List<String> terms(String textField, String question) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(textField, question)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(terms);
    }
}
