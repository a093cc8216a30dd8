package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.client.ApiClient;
import dev.gleaner.client.Excerpt;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.KbRef;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gleaner query "text" --kb …}: the ranked chunks of a knowledgebase for a question. */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "Ask a knowledgebase: prints the ranked chunks (score, title, URL, headings, an excerpt).",
        footer = ExitCodes.HELP)
final class QueryCommand implements ClientCommand {
    @Spec
    @SuppressWarnings("NullAway.Init")
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    KbTarget knowledgebase;

    @Parameters(index = "0", paramLabel = "TEXT", description = "The question (1–2,000 characters).")
    @SuppressWarnings("NullAway.Init")
    String text;

    @Option(names = "--top-k", description = "Most results, 1–50 (server default 5).")
    @Nullable
    Integer topK;

    @Option(names = "--threshold", description = "Least score, 0–1 (server default 0.2).")
    @Nullable
    Double threshold;

    @Option(names = "--json", description = "Print the raw JSON array.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ApiClient api = knowledgebase.client.open()) {
            KbRef target = knowledgebase.find(api, spec.commandLine().getErr());
            StringBuilder query = new StringBuilder("/query?q=").append(ApiClient.encode(text));
            if (topK != null) {
                query.append("&topK=").append(topK);
            }
            if (threshold != null) {
                query.append("&scoreThreshold=").append(threshold);
            }
            JsonNode results = api.get(target.path() + query);
            if (json) {
                out.println(api.pretty(results));
            } else if (results.isEmpty()) {
                out.println("No results above the score threshold.");
            } else {
                int rank = 1;
                for (JsonNode result : results) {
                    out.println(describe(rank++, result, text));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /**
     * One result: rank, score and title; its source URL (opening the chunk's section when it has an anchor); its
     * headings; and the excerpt of its text around the sentence best matching {@code question}, as plain text.
     */
    static String describe(int rank, JsonNode result, String question) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder()
                .append(rank)
                .append(". ")
                .append(String.format(Locale.ROOT, "%.3f", result.path("score").asDouble()))
                .append("  ")
                .append(result.path("title").asText("(untitled)"))
                .append(nl);
        if (result.path("sourceUrl").isTextual()) {
            text.append("   ").append(result.path("sourceUrl").asText()).append(nl);
        }
        List<String> headings = new ArrayList<>();
        result.path("headingPath").forEach(h -> headings.add(h.asText()));
        if (!headings.isEmpty()) {
            text.append("   ").append(String.join(" > ", headings)).append(nl);
        }
        text.append("   ")
                .append(Excerpt.of(result.path("content").asText(), question))
                .append(nl);
        return text.toString();
    }
}
