package dev.gleaner.index.lucene;

import dev.gleaner.index.IndexHit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Keyword search over the analyzed chunk text: BM25 ranks the chunks holding any of the question's terms, and each hit
 * is given its <em>coverage</em>, the idf-weighted share of the question's distinct terms it holds, in [0, 1] (1 when it
 * holds them all, near 0 when it shares only common words). Terms no chunk of the field holds count in the share with
 * the highest idf, so a question mostly of words foreign to the knowledgebase covers little of any chunk. All statistics (BM25's and the coverage's idf) are those of the searched field alone: the index keeps one
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
        IndexReader reader = searcher.getIndexReader();
        Map<BytesRef, Float> idfs = idfs(reader, textField, terms);
        double total = 0;
        for (float idf : idfs.values()) {
            total += idf;
        }
        StoredFields storedFields = searcher.storedFields();
        List<IndexHit> hits = new ArrayList<>(found.length);
        for (ScoreDoc scoreDoc : found) {
            String id = storedFields.document(scoreDoc.doc, Set.of(idField)).get(idField);
            if (id != null) {
                double held = total > 0 ? heldIdf(reader, scoreDoc.doc, textField, idfs) / total : 0;
                hits.add(new IndexHit(id, Math.min(1.0, held)));
            }
        }
        return hits;
    }

    /**
     * The idf of each of the question's terms: their sum over the whole question is the most a document can reach, and
     * the share of it a document holds is its coverage.
     */
    private static Map<BytesRef, Float> idfs(IndexReader reader, String textField, List<String> terms)
            throws IOException {
        Map<BytesRef, Float> idfs = new LinkedHashMap<>();
        int docCount = reader.getDocCount(textField);
        for (String text : terms) {
            Term term = new Term(textField, text);
            // A word no chunk holds counts too, at the idf of the rarest word: a question made mostly of words this
            // knowledgebase never uses ("who won the world cup") is mostly not about it, however well a chunk
            // matches its one common word.
            idfs.put(term.bytes(), idf(reader.docFreq(term), docCount));
        }
        return idfs;
    }

    /**
     * The summed idf of the terms {@code doc} holds, read from the postings of its segment: a few seeks per hit, where
     * scoring the hits again as a query would look each one up by id.
     */
    private static double heldIdf(IndexReader reader, int doc, String textField, Map<BytesRef, Float> idfs)
            throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Terms fieldTerms = leaf.reader().terms(textField);
        if (fieldTerms == null) {
            return 0;
        }
        int target = doc - leaf.docBase;
        TermsEnum termsEnum = fieldTerms.iterator();
        double held = 0;
        for (Map.Entry<BytesRef, Float> idf : idfs.entrySet()) {
            if (termsEnum.seekExact(idf.getKey())) {
                PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
                if (postings.advance(target) == target) {
                    held += idf.getValue();
                }
            }
        }
        return held;
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
