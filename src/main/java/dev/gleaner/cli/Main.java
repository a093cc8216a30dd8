package dev.gleaner.cli;

import dev.gleaner.client.ClientException;
import dev.gleaner.client.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gleaner} command line: {@code serve} runs the service, {@code keys} and {@code owners} manage developer
 * keys, and {@code crawl}, {@code import}, {@code jobs} and {@code query} talk to a running server.
 */
@Command(
        name = "gleaner",
        mixinStandardHelpOptions = true,
        version = "gleaner 0.1.0",
        description = "Self-hosted knowledgebase ingestion: crawl, extract, chunk, embed, index, query.",
        footer = ExitCodes.HELP,
        subcommands = {
            ServeCommand.class,
            KeysCommand.class,
            OwnersCommand.class,
            CrawlCommand.class,
            ImportCommand.class,
            JobsCommand.class,
            QueryCommand.class,
            WebhooksCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        int exit = commandLine.execute(args);
        // serve returns once the server runs; every other command ends the process with its exit code.
        if (exit != 0 || !ranServe(commandLine)) {
            System.exit(exit);
        }
    }

    /**
     * The command line, with client failures reported as one line on stderr and their exit code; an unexpected
     * exception in a client command ends with {@value ExitCodes#SERVER}, never {@code 1} (which means "pages failed").
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        // Every command that takes a setting (serve, and the store options of keys and owners) takes its default here.
        commandLine.setDefaultValueProvider(new SettingDefaults());
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof ClientException client) {
                failed.getErr().println("gleaner: " + client.getMessage());
                failed.getErr().flush();
                return client.exitCode();
            }
            if (failed.getCommand() instanceof ClientCommand) {
                failed.getErr().println("gleaner: unexpected error: " + exception);
                failed.getErr().flush();
                return ExitCodes.SERVER;
            }
            throw exception;
        });
        return commandLine;
    }

    private static boolean ranServe(CommandLine commandLine) {
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        return parsed != null
                && parsed.hasSubcommand()
                && parsed.subcommand().commandSpec().userObject() instanceof ServeCommand;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
