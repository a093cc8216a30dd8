package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ClientException;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.KbRef;
import dev.gleaner.client.Knowledgebases;
import dev.gleaner.client.TextTable;
import java.io.PrintWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gleaner jobs}: lists the jobs of a knowledgebase (or of every knowledgebase), or follows the running ones
 * ({@code --watch}); its subcommands show, cancel, retry, list the pages of one job and its change report.
 */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "List crawl/import jobs (newest first), or follow the running ones with --watch.",
        footer = ExitCodes.HELP,
        subcommands = {
            JobCommands.Show.class,
            JobCommands.Cancel.class,
            JobCommands.Retry.class,
            JobCommands.Pages.class,
            JobChangesCommand.class
        })
final class JobsCommand implements ClientCommand {
    @Spec
    @SuppressWarnings("NullAway.Init")
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    ClientOptions client;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    FollowOptions follow;

    @Option(names = "--kb", description = "Knowledgebase id (kb_…) or name (default: every knowledgebase).")
    @Nullable
    String kb;

    @Option(names = "--project", description = "Project id (proj_…) or name.")
    @Nullable
    String project;

    @Option(names = "--watch", description = "Follow the knowledgebase's running jobs until they finish.")
    boolean watch;

    @Option(names = "--json", description = "Print the raw JSON ({\"jobs\": […]}).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ApiClient api = client.open()) {
            Knowledgebases knowledgebases = new Knowledgebases(api, err);
            if (watch) {
                if (kb == null) {
                    throw new ClientException(ClientException.Kind.INPUT, "--watch needs --kb");
                }
                return follow.follow(api, knowledgebases.find(project, kb), null, out, err);
            }
            List<KbRef> targets = kb != null ? List.of(knowledgebases.find(project, kb)) : knowledgebases.all(project);
            ObjectNode all = JsonNodeFactory.instance.objectNode();
            var jobs = all.putArray("jobs");
            TextTable table = new TextTable("JOB", "KB", "MODE", "STATUS", "DONE", "FAILED", "TOTAL", "STARTED", "URL");
            for (KbRef target : targets) {
                for (JsonNode job : api.get(target.path() + "/crawl/jobs").path("jobs")) {
                    jobs.add(job);
                    table.row(
                            job.path("jobId").asText(),
                            target.name(),
                            job.path("mode").asText(),
                            job.path("status").asText(),
                            job.path("done").asLong(),
                            job.path("failed").asLong(),
                            job.path("total").asLong(),
                            job.path("startedAt").asText(),
                            job.path("url").asText(""));
                }
            }
            if (json) {
                out.println(api.pretty(all));
            } else if (table.size() == 0) {
                out.println("No jobs.");
            } else {
                out.print(table.render());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
