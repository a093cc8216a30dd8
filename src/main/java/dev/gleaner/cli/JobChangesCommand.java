package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ClientException;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.KbRef;
import dev.gleaner.client.TextTable;
import dev.gleaner.jobs.JobService;
import java.io.PrintWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gleaner jobs changes JOB}: a job's change report — its counts, then the URLs of each kind of change (or of
 * {@code --kind} only) with their reason, read page by page from {@code GET …/crawl/jobs/{jobId}/changes}.
 */
@Command(
        name = "changes",
        mixinStandardHelpOptions = true,
        description =
                "Show what a job changed: pages new, updated, unchanged, removed (by a complete sync) and failed.",
        footer = ExitCodes.HELP)
final class JobChangesCommand implements ClientCommand {
    /** The kinds of change, in the order they are listed. */
    static final List<String> KINDS = List.of("new", "updated", "unchanged", "removed", "failed");
    /** Most URLs listed unless {@code --limit} says otherwise. */
    static final int DEFAULT_LIMIT = 1_000;
    /** URLs asked of the server per request unless {@code --page-size} says otherwise. */
    static final int DEFAULT_PAGE_SIZE = 500;
    /** The largest {@code --page-size}: the server's own bound on a changes page. */
    static final int MAX_PAGE_SIZE = JobService.MAX_PAGES_LIMIT;

    @Spec
    @SuppressWarnings("NullAway.Init")
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    JobCommands.JobTarget target;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description = "Only this kind of change: new, updated, unchanged, removed or failed (default: every kind).")
    @Nullable
    String kind;

    @Option(names = "--limit", description = "Most URLs listed per kind (default 1,000).")
    int limit = DEFAULT_LIMIT;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            description = "URLs asked of the server per request, 1 to 1,000 (default 500).")
    int pageSize = DEFAULT_PAGE_SIZE;

    @Option(names = "--json", description = "Print the raw JSON ({\"changes\": {…}, \"failed\": n, \"pages\": […]}).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (kind != null && !KINDS.contains(kind)) {
            throw new ClientException(
                    ClientException.Kind.INPUT,
                    "--kind must be one of: " + String.join(", ", KINDS) + " (got '" + kind + "')");
        }
        if (limit < 1) {
            throw new ClientException(ClientException.Kind.INPUT, "--limit must be at least 1");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ClientException(
                    ClientException.Kind.INPUT,
                    "--page-size must be between 1 and " + MAX_PAGE_SIZE + " (got " + pageSize + ")");
        }
        try (ApiClient api = target.client.open()) {
            KbRef kb = target.locate(api, spec.commandLine().getErr());
            String path = target.path(kb) + "/changes";
            ObjectNode report = JsonNodeFactory.instance.objectNode();
            ArrayNode pages = JsonNodeFactory.instance.arrayNode();
            for (String listed : kind != null ? List.of(kind) : KINDS) {
                JsonNode first = fetch(api, path, listed, pages);
                report.set("changes", first.path("changes"));
                report.set("failed", first.path("failed"));
            }
            report.set("pages", pages);
            out.print(json ? api.pretty(report) + System.lineSeparator() : render(report));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Adds up to {@link #limit} URLs of {@code listed} to {@code pages}; returns the first answer (the counts). */
    private JsonNode fetch(ApiClient api, String path, String listed, ArrayNode pages) {
        @Nullable JsonNode first = null;
        int taken = 0;
        String cursor = null;
        do {
            StringBuilder query = new StringBuilder("?change=")
                    .append(ApiClient.encode(listed))
                    .append("&limit=")
                    .append(Math.min(pageSize, limit - taken));
            if (cursor != null) {
                query.append("&cursor=").append(ApiClient.encode(cursor));
            }
            JsonNode answer = api.get(path + query);
            if (first == null) {
                first = answer;
            }
            for (JsonNode page : answer.path("pages")) {
                pages.add(page);
                taken++;
            }
            cursor = answer.path("nextCursor").isTextual()
                    ? answer.path("nextCursor").asText()
                    : null;
        } while (cursor != null && taken < limit);
        return java.util.Objects.requireNonNull(first);
    }

    private static String render(JsonNode report) {
        String line = System.lineSeparator();
        StringBuilder text = new StringBuilder(
                        counts(report.path("changes"), report.path("failed").asLong()))
                .append(line);
        TextTable table = new TextTable("CHANGE", "REASON", "URL");
        for (JsonNode page : report.path("pages")) {
            table.row(
                    page.path("change").asText(),
                    page.path("reason").asText("-"),
                    page.path("url").asText());
        }
        return text.append(table.size() == 0 ? "No pages." + line : table.render())
                .toString();
    }

    /** A job's change report in one line: {@code 3 new, 1 updated, 12 unchanged, 2 removed, 1 failed}. */
    static String counts(JsonNode changes, long failed) {
        return changes.path("new").asLong() + " new, " + changes.path("updated").asLong() + " updated, "
                + changes.path("unchanged").asLong() + " unchanged, "
                + changes.path("removed").asLong()
                + " removed, " + failed + " failed";
    }
}
