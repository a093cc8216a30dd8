package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.JobState;
import dev.gleaner.client.JobSummary;
import dev.gleaner.client.KbRef;
import dev.gleaner.client.Knowledgebases;
import dev.gleaner.client.TextTable;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The subcommands of {@code gleaner jobs} that act on one job. */
final class JobCommands {
    private JobCommands() {}

    /** The job a subcommand acts on, and where to look for it (every knowledgebase when {@code --kb} is absent). */
    static final class JobTarget {
        @Mixin
        @SuppressWarnings("NullAway.Init")
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "JOB", description = "The job id (job_…).")
        @SuppressWarnings("NullAway.Init")
        String jobId;

        @Option(names = "--kb", description = "Knowledgebase id or name holding the job (default: search them all).")
        @Nullable
        String kb;

        @Option(names = "--project", description = "Project id (proj_…) or name.")
        @Nullable
        String project;

        KbRef locate(ApiClient api, PrintWriter err) {
            return new Knowledgebases(api, err).holding(project, kb, jobId);
        }

        String path(KbRef kb) {
            return kb.path() + "/crawl/jobs/" + ApiClient.encode(jobId);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one job.", footer = ExitCodes.HELP)
    static final class Show implements ClientCommand {
        @Spec
        @SuppressWarnings("NullAway.Init")
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        JobTarget target;

        @Option(names = "--json", description = "Print the raw JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient api = target.client.open()) {
                JsonNode job = api.get(
                        target.path(target.locate(api, spec.commandLine().getErr())));
                out.println(json ? api.pretty(job) : describe(job));
                out.flush();
                return ExitCodes.OK;
            }
        }

        private static String describe(JsonNode job) {
            StringBuilder text = new StringBuilder();
            job.properties().forEach(field -> text.append(field.getKey())
                    .append(": ")
                    .append(
                            field.getKey().equals("changes")
                                    ? JobChangesCommand.counts(
                                            field.getValue(), job.path("failed").asLong())
                                    : field.getValue().isValueNode()
                                            ? field.getValue().asText()
                                            : field.getValue())
                    .append(System.lineSeparator()));
            return text.toString().stripTrailing();
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = "Cancel a queued or running job.",
            footer = ExitCodes.HELP)
    static final class Cancel implements ClientCommand {
        @Spec
        @SuppressWarnings("NullAway.Init")
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        JobTarget target;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient api = target.client.open()) {
                KbRef kb = target.locate(api, spec.commandLine().getErr());
                JobState job = JobState.of(api.post(target.path(kb) + "/cancel", Map.of()));
                out.println(JobSummary.render(
                        job, Clock.systemUTC().instant(), spec.root().name()));
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Re-queue the failed pages of a finished job and follow it.",
            footer = ExitCodes.HELP)
    static final class Retry implements ClientCommand {
        @Spec
        @SuppressWarnings("NullAway.Init")
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        JobTarget target;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        FollowOptions follow;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (ApiClient api = target.client.open()) {
                KbRef kb = target.locate(api, err);
                api.post(target.path(kb) + "/retry", Map.of());
                return Started.report(api, kb, target.jobId, "retry of its failed pages", follow, out, err);
            }
        }
    }

    @Command(
            name = "pages",
            mixinStandardHelpOptions = true,
            description = "List the URLs a job saw and what became of each.",
            footer = ExitCodes.HELP)
    static final class Pages implements ClientCommand {
        /** Most pages listed unless {@code --limit} says otherwise. */
        static final int DEFAULT_LIMIT = 1_000;
        /** Pages asked of the server per request. */
        static final int PAGE_SIZE = 500;

        @Spec
        @SuppressWarnings("NullAway.Init")
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        JobTarget target;

        @Option(
                names = "--outcome",
                description = "Only this outcome (e.g. failed, ingested, empty, robots, outOfScope).")
        @Nullable
        String outcome;

        @Option(names = "--limit", description = "Most pages listed (default 1,000).")
        int limit = DEFAULT_LIMIT;

        @Option(names = "--json", description = "Print the raw JSON ({\"pages\": […]}).")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient api = target.client.open()) {
                KbRef kb = target.locate(api, spec.commandLine().getErr());
                ArrayNode pages = fetch(api, target.path(kb) + "/pages");
                if (json) {
                    out.println(api.pretty(JsonNodeFactory.instance.objectNode().set("pages", pages)));
                } else {
                    TextTable table = new TextTable("OUTCOME", "HTTP", "ATTEMPTS", "REASON", "URL");
                    for (JsonNode page : pages) {
                        table.row(
                                page.path("outcome").asText(),
                                page.path("httpStatus").asText("-"),
                                page.path("attempts").asInt(),
                                page.path("reason").asText("-"),
                                page.path("url").asText());
                    }
                    out.print(table.size() == 0 ? "No pages." + System.lineSeparator() : table.render());
                }
                out.flush();
                return ExitCodes.OK;
            }
        }

        private ArrayNode fetch(ApiClient api, String path) {
            ArrayNode pages = JsonNodeFactory.instance.arrayNode();
            String cursor = null;
            do {
                StringBuilder query = new StringBuilder("?limit=").append(Math.min(PAGE_SIZE, limit - pages.size()));
                if (outcome != null) {
                    query.append("&outcome=").append(ApiClient.encode(outcome));
                }
                if (cursor != null) {
                    query.append("&cursor=").append(ApiClient.encode(cursor));
                }
                JsonNode answer = api.get(path + query);
                answer.path("pages").forEach(pages::add);
                cursor = answer.path("nextCursor").isTextual()
                        ? answer.path("nextCursor").asText()
                        : null;
            } while (cursor != null && pages.size() < limit);
            return pages;
        }
    }
}
