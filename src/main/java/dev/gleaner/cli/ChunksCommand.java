package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.TextTable;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gleaner chunks list|enable|disable}: the chunks of one dataset on a running server; a disabled chunk is kept
 * but never returned by queries.
 */
@Command(
        name = "chunks",
        description = "List the chunks of a dataset, and enable or disable one (a disabled chunk is never returned by"
                + " queries).",
        subcommands = {ChunksCommand.ListChunks.class, ChunksCommand.Enable.class, ChunksCommand.Disable.class})
final class ChunksCommand implements Runnable {
    /** The longest start of a chunk's text a listing shows. */
    static final int PREVIEW_CHARS = 60;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "list", description = "List a dataset's chunks in document order.")
    static final class ListChunks implements ClientCommand {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        DatasetTarget target;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient api = target.client.open()) {
                JsonNode chunks = api.get(target.path(api, spec.commandLine().getErr()) + "/chunks");
                if (chunks.isEmpty()) {
                    out.println("Dataset " + target.datasetId + " has no chunks (yet).");
                } else {
                    TextTable table = new TextTable("CHUNK", "ENABLED", "LENGTH", "TEXT");
                    chunks.forEach(c -> table.row(
                            c.path("id").asText(),
                            c.path("isEnabled").asBoolean() ? "yes" : "no",
                            c.path("contentLength").asLong(),
                            preview(c.path("content").asText())));
                    out.print(table.render());
                }
                out.flush();
                return ExitCodes.OK;
            }
        }

        private static String preview(String content) {
            String line = content.replaceAll("\\s+", " ").strip();
            return line.length() <= PREVIEW_CHARS ? line : line.substring(0, PREVIEW_CHARS) + "…";
        }
    }

    /** What enabling and disabling share: the chunk, within its dataset, and the change. */
    abstract static class Toggle implements ClientCommand {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        DatasetTarget target;

        @Parameters(index = "1", paramLabel = "CHUNK", description = "The chunk id, as 'chunks list' shows it.")
        @SuppressWarnings("NullAway.Init")
        String chunkId;

        abstract boolean enabled();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try (ApiClient api = target.client.open()) {
                api.patch(
                        target.path(api, err) + "/chunks/" + ApiClient.encode(chunkId), Map.of("isEnabled", enabled()));
                err.println((enabled() ? "Enabled" : "Disabled") + " chunk " + chunkId + " of dataset "
                        + target.datasetId
                        + (enabled() ? ": queries return it again." : ": queries no longer" + " return it."));
                err.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "enable", description = "Let queries return a chunk again.")
    static final class Enable extends Toggle {
        @Override
        boolean enabled() {
            return true;
        }
    }

    @Command(name = "disable", description = "Keep a chunk out of every query's results.")
    static final class Disable extends Toggle {
        @Override
        boolean enabled() {
            return false;
        }
    }
}
