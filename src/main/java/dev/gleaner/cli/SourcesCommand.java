package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.KbRef;
import dev.gleaner.client.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gleaner sources list|show|create|update|delete|sync}: the saved requests of a knowledgebase and their
 * schedules, on a running server.
 */
@Command(
        name = "sources",
        mixinStandardHelpOptions = true,
        description = "List, show, create, change, delete and sync the sources (saved crawls on a schedule) of a"
                + " knowledgebase.",
        footer = ExitCodes.HELP,
        subcommands = {
            SourcesCommand.ListSources.class,
            SourcesCommand.Show.class,
            SourcesCommand.Create.class,
            SourcesCommand.Update.class,
            SourcesCommand.Delete.class,
            SourcesCommand.Sync.class
        })
final class SourcesCommand implements Runnable {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Common to the subcommands: the standard options, the output, and one source of the knowledgebase. */
    abstract static class SourceCommand implements ClientCommand {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        KbTarget knowledgebase;

        @Option(names = "--json", description = "Print the raw JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient api = knowledgebase.client.open()) {
                KbRef kb = knowledgebase.find(api, spec.commandLine().getErr());
                JsonNode answer = run(api, kb, out);
                if (json) {
                    out.println(api.pretty(answer));
                }
                out.flush();
                spec.commandLine().getErr().flush();
                return ExitCodes.OK;
            }
        }

        /** Does the work; prints plain text unless {@link #json}, and returns what {@code --json} prints. */
        abstract JsonNode run(ApiClient api, KbRef kb, PrintWriter out);

        static String path(KbRef kb, String sourceId) {
            return kb.path() + "/sources/" + ApiClient.encode(sourceId);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a knowledgebase's sources.")
    static final class ListSources extends SourceCommand {
        @Override
        JsonNode run(ApiClient api, KbRef kb, PrintWriter out) {
            JsonNode listed = api.get(kb.path() + "/sources");
            if (!json) {
                if (listed.path("data").isEmpty()) {
                    out.println("No sources in knowledgebase " + kb.name() + ".");
                } else {
                    TextTable table = new TextTable("SOURCE", "NAME", "WHAT", "SCHEDULE", "NEXT RUN", "LAST SYNC");
                    listed.path("data")
                            .forEach(source -> table.row(
                                    source.path("id").asText(),
                                    source.path("name").asText(""),
                                    SourceText.what(source),
                                    SourceText.schedule(source),
                                    source.path("nextRunAt").asText("-"),
                                    SourceText.lastSync(source)));
                    out.print(table.render());
                }
            }
            return listed;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one source.")
    static final class Show extends SourceCommand {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "The source id (src_…).")
        @SuppressWarnings("NullAway.Init")
        String sourceId;

        @Override
        JsonNode run(ApiClient api, KbRef kb, PrintWriter out) {
            JsonNode source = api.get(path(kb, sourceId));
            if (!json) {
                out.println(SourceText.describe(source));
            }
            return source;
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Save a crawl, sitemap or batch request as a source, on a schedule with --every or --cron.")
    static final class Create extends SourceCommand {
        @Parameters(
                paramLabel = "URL",
                arity = "1..*",
                description = "The seed (crawl, sitemap), or the URLs to import (batch).")
        List<String> urls = new ArrayList<>();

        @Mixin
        @SuppressWarnings("NullAway.Init")
        SourceRequestOptions options;

        @Override
        JsonNode run(ApiClient api, KbRef kb, PrintWriter out) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (options.name != null) {
                body.put("name", options.name);
            }
            body.put("request", options.request(JsonNodeFactory.instance.objectNode(), urls));
            Object schedule = options.schedule();
            if (schedule != null) {
                body.put("schedule", schedule);
            }
            JsonNode created = api.post(kb.path() + "/sources", body);
            if (!json) {
                out.println("Created source " + created.path("id").asText() + " (" + SourceText.schedule(created)
                        + (created.has("nextRunAt")
                                ? ", next run " + created.path("nextRunAt").asText()
                                : "") + ").");
            }
            return created;
        }
    }

    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = "Change a source: the options given replace what it had (headers are kept unless given).")
    static final class Update extends SourceCommand {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "The source id (src_…).")
        @SuppressWarnings("NullAway.Init")
        String sourceId;

        @Parameters(
                index = "1..*",
                arity = "0..*",
                paramLabel = "URL",
                description = "A new seed (crawl, sitemap), or the URLs to import (batch).")
        List<String> urls = new ArrayList<>();

        @Mixin
        @SuppressWarnings("NullAway.Init")
        SourceRequestOptions options;

        @Override
        JsonNode run(ApiClient api, KbRef kb, PrintWriter out) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (options.name != null) {
                body.put("name", options.name);
            }
            if (options.changesRequest(urls)) {
                JsonNode stored = api.get(path(kb, sourceId)).path("request");
                ObjectNode base = stored instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
                body.put("request", options.request(base, urls));
            }
            Object schedule = options.schedule();
            if (schedule != null) {
                body.put("schedule", schedule);
            }
            JsonNode changed = api.patch(path(kb, sourceId), body);
            if (!json) {
                out.println("Changed source " + changed.path("id").asText() + " (" + SourceText.schedule(changed)
                        + (changed.has("nextRunAt")
                                ? ", next run " + changed.path("nextRunAt").asText()
                                : "") + ").");
            }
            return changed;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete a source (its jobs and" + " datasets stay).")
    static final class Delete extends SourceCommand {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "The source id (src_…).")
        @SuppressWarnings("NullAway.Init")
        String sourceId;

        @Override
        JsonNode run(ApiClient api, KbRef kb, PrintWriter out) {
            JsonNode answer = api.delete(path(kb, sourceId));
            if (!json) {
                out.println("Deleted source " + sourceId + ".");
            }
            return answer;
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true, description = "Sync a source now (prints the job id).")
    static final class Sync extends SourceCommand {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "The source id (src_…).")
        @SuppressWarnings("NullAway.Init")
        String sourceId;

        @Override
        JsonNode run(ApiClient api, KbRef kb, PrintWriter out) {
            JsonNode job = api.post(path(kb, sourceId) + "/sync", Map.of());
            if (!json) {
                out.println(job.path("jobId").asText());
                spec.commandLine()
                        .getErr()
                        .println("Started sync " + job.path("jobId").asText() + " of source " + sourceId
                                + "; follow it with: " + spec.root().name() + " jobs --watch --kb " + kb.id());
            }
            return job;
        }
    }
}
