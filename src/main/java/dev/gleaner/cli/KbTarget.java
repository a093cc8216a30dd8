package dev.gleaner.cli;

import dev.gleaner.client.ApiClient;
import dev.gleaner.client.KbRef;
import dev.gleaner.client.Knowledgebases;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The existing knowledgebase a command reads ({@code --kb}, required), and the server that holds it. */
final class KbTarget {
    @Mixin
    @SuppressWarnings("NullAway.Init")
    ClientOptions client;

    @Option(names = "--kb", required = true, description = "Knowledgebase id (kb_…) or name.")
    @SuppressWarnings("NullAway.Init")
    String kb;

    @Option(names = "--project", description = "Project id (proj_…) or name.")
    @Nullable
    String project;

    /** The knowledgebase, which must exist: an unknown one is a usage error, never created. */
    KbRef find(ApiClient api, PrintWriter err) {
        return new Knowledgebases(api, err).find(project, kb);
    }
}
