package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.KbRef;
import dev.gleaner.client.Plural;
import dev.gleaner.client.TextTable;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gleaner datasets list|show|delete}: the datasets (uploaded files and crawled pages) of a knowledgebase on a
 * running server.
 */
@Command(
        name = "datasets",
        description = "List, show and delete the datasets (uploaded files, crawled pages) of a knowledgebase.",
        subcommands = {DatasetsCommand.ListDatasets.class, DatasetsCommand.Show.class, DatasetsCommand.Delete.class})
final class DatasetsCommand implements Runnable {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "list", description = "List a knowledgebase's datasets, newest first.")
    static final class ListDatasets implements ClientCommand {
        /** Most datasets one page of the API holds. */
        static final int MAX_LIMIT = 100;
        /** The longest title a listing shows (a text file's title is its first line). */
        static final int MAX_TITLE_CHARS = 60;

        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        KbTarget knowledgebase;

        @Option(names = "--limit", defaultValue = "50", description = "Most datasets listed, 1–" + MAX_LIMIT + ".")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "Datasets skipped first (for the next page).")
        int offset;

        @Option(
                names = "--search",
                paramLabel = "WORDS",
                description = "Only datasets whose title, file name or URL" + " contains this.")
        @Nullable
        String search;

        @Option(names = "--json", description = "Print the raw JSON array.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (ApiClient api = knowledgebase.client.open()) {
                KbRef target = knowledgebase.find(api, err);
                JsonNode datasets = api.get(target.path() + "/datasets?limit=" + limit + "&offset="
                        + Math.max(0, offset) + (search == null ? "" : "&keyword=" + ApiClient.encode(search)));
                if (json) {
                    out.println(api.pretty(datasets));
                } else if (datasets.isEmpty()) {
                    out.println("No datasets" + (search == null ? "" : " matching \"" + search + "\"")
                            + (offset > 0 ? " past the first " + offset : "") + " in knowledgebase " + target.name()
                            + ".");
                } else {
                    TextTable table = new TextTable("DATASET", "TYPE", "CHUNKS", "STATE", "CREATED", "TITLE / SOURCE");
                    datasets.forEach(d -> table.row(
                            d.path("id").asText(),
                            d.path("extensionType").asText(),
                            d.path("chunkCount").asLong(),
                            state(d),
                            d.path("createdAt").asText(),
                            titleAndSource(d)));
                    out.print(table.render());
                    if (datasets.size() == limit) {
                        err.println("Showing " + Plural.of(datasets.size(), "dataset") + "; the next ones: --offset "
                                + (offset + limit));
                    }
                }
                out.flush();
                err.flush();
                return ExitCodes.OK;
            }
        }

        /** The title, then where it came from: the page's URL, or the uploaded file's name. */
        private static String titleAndSource(JsonNode dataset) {
            String filename = dataset.path("filename").asText("");
            String full = dataset.path("title").asText(filename);
            String title = full.length() <= MAX_TITLE_CHARS ? full : full.substring(0, MAX_TITLE_CHARS) + "…";
            String url = dataset.path("sourceUrl").asText("");
            String source = url.isEmpty() ? filename : url;
            return source.isEmpty() || source.equals(title) ? title : title + " — " + source;
        }
    }

    /** A dataset's state in a word: its error, or whether its chunks are searchable yet. */
    static String state(JsonNode dataset) {
        if (!dataset.path("error").asText("").isEmpty()) {
            return "failed";
        }
        return dataset.path("isParsed").asBoolean() ? "searchable" : "processing";
    }

    @Command(name = "show", description = "Show one dataset.")
    static final class Show implements ClientCommand {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        DatasetTarget target;

        @Option(names = "--json", description = "Print the raw JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient api = target.client.open()) {
                JsonNode dataset = api.get(target.path(api, spec.commandLine().getErr()));
                if (json) {
                    out.println(api.pretty(dataset));
                } else {
                    dataset.properties()
                            .forEach(field -> out.println(field.getKey() + ": "
                                    + (field.getValue().isValueNode()
                                            ? field.getValue().asText()
                                            : field.getValue().toString())));
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "delete",
            description = "Delete a dataset with its chunks: they stop appearing in queries at once. A crawled page"
                    + " comes back if a later crawl fetches it again.")
    static final class Delete implements ClientCommand {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        DatasetTarget target;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try (ApiClient api = target.client.open()) {
                api.delete(target.path(api, err));
                err.println("Deleted dataset " + target.datasetId + " and its chunks.");
                err.flush();
                return ExitCodes.OK;
            }
        }
    }
}
