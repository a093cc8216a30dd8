package dev.gleaner.bench;

import java.util.List;
import java.util.Locale;

/**
 * What one evaluation measured: the import (pages, chunks, the model's embedding rate), each method's ranking quality
 * over the answerable questions, how many unanswerable questions each method still answers at the query route's
 * default threshold, and hybrid retrieval across thresholds.
 *
 * @param set what the collection holds, e.g. {@code 47 documents}
 * @param queries answerable questions
 * @param unanswerable questions without an answer in the set
 * @param hybridThresholded hybrid with the route's default {@code scoreThreshold}
 * @param pageLevel for sets judged by section: the methods' scores when any chunk of a relevant section's page counts
 *     (the page's grade is its best section's), to tell a wrong section of the right page from a wrong page
 * @param misses the answerable questions without a relevant unit in hybrid retrieval's first five
 * @param answeredUnanswerable per method, unanswerable questions that got a result at the default threshold
 * @param sweep hybrid retrieval at several thresholds, lowest first
 */
record EvaluationReport(
        String set,
        String model,
        int queries,
        int unanswerable,
        Import imported,
        Scores bm25,
        Scores dense,
        Scores hybrid,
        Scores hybridThresholded,
        List<Row> pageLevel,
        List<Miss> misses,
        PerMethod answeredUnanswerable,
        List<Cut> sweep) {

    /**
     * Means over the answerable questions: nDCG@10 (graded), recall@5 and recall@10 (share of the relevant units in
     * the first 5 and 10), hit@5 (share of questions with a relevant unit in the first 5) and units returned (of 10).
     */
    record Scores(double ndcg10, double recall5, double recall10, double hit5, double returned) {}

    /**
     * The import: pages done and failed, chunks indexed, import wall time, the model's rate while it ran, and where
     * the stored chunks were placed.
     */
    record Import(
            long pages,
            long failed,
            long chunks,
            double seconds,
            MeteredEmbedder.Rate embedding,
            Placement placement) {}

    record PerMethod(int bm25, int dense, int hybrid) {}

    /** A question hybrid retrieval missed: its relevant units and the first units it returned instead. */
    record Miss(EvaluationSet.Question question, List<String> relevant, List<String> returned) {
        Miss {
            relevant = List.copyOf(relevant);
            returned = List.copyOf(returned);
        }

        String describe() {
            return "miss " + question.id() + " \"" + question.text() + "\": wanted " + relevant + ", got " + returned;
        }
    }

    /** A method's name and scores. */
    record Row(String method, Scores scores) {}

    /**
     * Hybrid retrieval keeping only results scoring at least {@code threshold}: its scores, the share of answerable
     * questions left with no result, and the unanswerable questions still answered.
     */
    record Cut(double threshold, Scores scores, double emptyAnswerable, int answeredUnanswerable) {}

    EvaluationReport {
        pageLevel = List.copyOf(pageLevel);
        misses = List.copyOf(misses);
        sweep = List.copyOf(sweep);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(
                format("%s, %d answerable questions, %d unanswerable; model %s%n", set, queries, unanswerable, model));
        out.append(format(
                "import: %d pages (%d failed), %d chunks in %.1f s; embedding %d texts in %.1f s busy = %.1f chunks/s%n",
                imported.pages(),
                imported.failed(),
                imported.chunks(),
                imported.seconds(),
                imported.embedding().texts(),
                imported.embedding().busySeconds(),
                imported.embedding().perSecond()));
        if (imported.placement().unplaced()
                        + imported.placement().anchorless()
                        + imported.placement().beforeHeadings()
                > 0) {
            out.append(imported.placement().describe());
        }
        out.append(format(
                "%-11s %8s %9s %10s %7s %9s%n", "method", "nDCG@10", "recall@5", "recall@10", "hit@5", "returned"));
        row(out, "bm25", bm25);
        row(out, "dense", dense);
        row(out, "hybrid", hybrid);
        row(out, "hybrid@" + Evaluation.DEFAULT_THRESHOLD, hybridThresholded);
        if (!pageLevel.isEmpty()) {
            out.append(format("by page (any section of a relevant page counts):%n"));
            pageLevel.forEach(r -> row(out, r.method(), r.scores()));
        }
        if (unanswerable > 0) {
            out.append(format(
                    "unanswerable questions with a result at scoreThreshold %s: bm25 %d/%d, dense %d/%d, hybrid %d/%d%n",
                    Evaluation.DEFAULT_THRESHOLD,
                    answeredUnanswerable.bm25(),
                    unanswerable,
                    answeredUnanswerable.dense(),
                    unanswerable,
                    answeredUnanswerable.hybrid(),
                    unanswerable));
        }
        out.append(format(
                "hybrid by scoreThreshold:%n%9s %8s %10s %7s %17s %14s%n",
                "threshold", "nDCG@10", "recall@10", "hit@5", "answerable empty", "unanswerable"));
        for (Cut cut : sweep) {
            out.append(format(
                    "%9.2f %8.4f %10.4f %7.4f %17.4f %10d/%d%n",
                    cut.threshold(),
                    cut.scores().ndcg10(),
                    cut.scores().recall10(),
                    cut.scores().hit5(),
                    cut.emptyAnswerable(),
                    cut.answeredUnanswerable(),
                    unanswerable));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String method, Scores scores) {
        out.append(format(
                "%-11s %8.4f %9.4f %10.4f %7.4f %9.1f%n",
                method, scores.ndcg10(), scores.recall5(), scores.recall10(), scores.hit5(), scores.returned()));
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
