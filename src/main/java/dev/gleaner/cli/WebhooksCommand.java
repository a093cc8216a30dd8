package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ExitCodes;
import java.io.PrintWriter;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gleaner webhooks secret [--rotate]}: the caller's webhook signing secret. */
@Command(
        name = "webhooks",
        mixinStandardHelpOptions = true,
        description = "Webhook settings of the key's owner.",
        subcommands = {WebhooksCommand.Secret.class})
final class WebhooksCommand implements Runnable {
    @Spec
    @SuppressWarnings("NullAway.Init")
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads (shown once) or rotates the owner's secret. */
    @Command(
            name = "secret",
            mixinStandardHelpOptions = true,
            description = "Show the secret your webhook events are signed with (shown only the first time), or"
                    + " --rotate it: the new one is printed, the old one keeps signing during the overlap"
                    + " (X-Signature then carries both: sha256=<new>,sha256=<old>).",
            footer = ExitCodes.HELP)
    static final class Secret implements ClientCommand {
        @Spec
        @SuppressWarnings("NullAway.Init")
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        @SuppressWarnings("NullAway.Init")
        ClientOptions client;

        @Option(names = "--rotate", description = "Replace the secret with a new one and print it.")
        boolean rotate;

        @Option(
                names = "--overlap-seconds",
                description = "With --rotate: how long the old secret keeps signing too (server default 86400).")
        @Nullable
        Long overlapSeconds;

        @Option(names = "--json", description = "Print the raw JSON answer.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient api = client.open()) {
                JsonNode answer = rotate
                        ? api.post(
                                "/v1/webhooks/secret/rotate"
                                        + (overlapSeconds == null ? "" : "?overlapSeconds=" + overlapSeconds),
                                Map.of())
                        : api.get("/v1/webhooks/secret");
                out.println(json ? api.pretty(answer) : describe(answer));
                out.flush();
                return ExitCodes.OK;
            }
        }

        static String describe(JsonNode secret) {
            String nl = System.lineSeparator();
            StringBuilder text = new StringBuilder();
            if (secret.has("secret")) {
                text.append(secret.path("secret").asText())
                        .append(nl)
                        .append("Keep it now: it is not shown again (rotate to get a new one).");
            } else {
                text.append("The secret was shown before and is not shown again; run with --rotate for a new one.");
            }
            text.append(nl).append("Created: ").append(secret.path("createdAt").asText());
            if (secret.has("rotatedAt")) {
                text.append(nl)
                        .append("Rotated: ")
                        .append(secret.path("rotatedAt").asText());
            }
            if (secret.has("previousValidUntil")) {
                text.append(nl)
                        .append("The previous secret also signs events until ")
                        .append(secret.path("previousValidUntil").asText());
            }
            return text.toString();
        }
    }
}
