package dev.gleaner.bench;

import dev.gleaner.ingest.SourcedChunk;
import dev.gleaner.testsite.TestSite;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A retrieval test collection in BEIR's layout: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}),
 * {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels.tsv} (query-id, corpus-id, score; a header line
 * first), and optionally {@code unanswerable.jsonl}. Only the queries that have at least one relevant document are
 * kept. Each document is served as one page, {@code /doc/<position>}, and all are batch-imported; the unit of
 * relevance is the document.
 */
record BeirSet(
        List<Document> corpus,
        List<Question> queries,
        List<Question> unanswerable,
        Map<String, Map<String, Integer>> relevance)
        implements EvaluationSet {
    /** The most URLs one batch import takes (the API's limit). */
    private static final int BATCH = 10_000;

    private static final String DOC_PATH = "/doc/";

    record Document(String id, String title, String text) {}

    BeirSet {
        corpus = List.copyOf(corpus);
        queries = List.copyOf(queries);
        unanswerable = List.copyOf(unanswerable);
        relevance = Map.copyOf(relevance);
    }

    static BeirSet read(Path directory) {
        List<Document> corpus = new ArrayList<>();
        for (var line : SetFiles.jsonLines(directory.resolve("corpus.jsonl"))) {
            corpus.add(new Document(
                    line.path("_id").asText(),
                    line.path("title").asText(""),
                    line.path("text").asText("")));
        }
        Map<String, Map<String, Integer>> relevance = SetFiles.qrels(directory.resolve("qrels.tsv"));
        List<Question> queries = SetFiles.questions(directory.resolve("queries.jsonl")).stream()
                .filter(question -> relevance.containsKey(question.id()))
                .toList();
        return new BeirSet(corpus, queries, SetFiles.unanswerable(directory), relevance);
    }

    @Override
    public String describe() {
        return corpus.size() + " documents";
    }

    @Override
    public List<Map<String, Object>> publish(TestSite site) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            site.page(DOC_PATH + i, page(corpus.get(i)));
            urls.add(site.url(DOC_PATH + i).toString());
        }
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int from = 0; from < urls.size(); from += BATCH) {
            List<String> batch = urls.subList(from, Math.min(urls.size(), from + BATCH));
            requests.add(Map.of("urls", batch, "limit", batch.size()));
        }
        return requests;
    }

    /** The id of the document served at the chunk's page ({@code /doc/<position>}). */
    @Override
    public String unitOf(SourcedChunk chunk) {
        String url = chunk.sourceUrl();
        String path = url == null ? "" : URI.create(url).getPath();
        if (!path.startsWith(DOC_PATH)) {
            return "";
        }
        try {
            int position = Integer.parseInt(path.substring(DOC_PATH.length()));
            return position < corpus.size() ? corpus.get(position).id() : "";
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static String page(Document document) {
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
