package dev.gleaner.cli;

import dev.gleaner.client.ClientException;
import dev.gleaner.client.ExitCodes;
import org.jspecify.annotations.Nullable;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gleaner} command line: {@code serve} runs the service, {@code keys} and {@code owners} manage developer
 * keys, {@code crawl}, {@code import}, {@code jobs}, {@code query}, {@code datasets}, {@code chunks} and
 * {@code webhooks} talk to a running server, and {@code completion} prints a bash completion script.
 */
@Command(
        name = "gleaner",
        // Inherited by every subcommand (which may override): --help and --version everywhere, and the exit codes.
        scope = CommandLine.ScopeType.INHERIT,
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
            SourcesCommand.class,
            QueryCommand.class,
            WebhooksCommand.class,
            DatasetsCommand.class,
            ChunksCommand.class,
            CompletionCommand.class
        })
public final class Main implements Runnable {
    /** The environment variable naming the program as its user invoked it (set by {@code bin/gleaner}). */
    static final String PROGRAM_VARIABLE = "GLEANER_PROGRAM";
    /** The exit code of a {@code serve} that could not start. */
    static final int START_FAILED = 1;

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Libraries logging through java.util.logging (Lucene, ONNX Runtime) follow simplelogger.properties too.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
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
        return commandLine(programName(System.getenv(PROGRAM_VARIABLE)));
    }

    /**
     * The command line under the name it was invoked by ({@code bin/gleaner} sets {@value #PROGRAM_VARIABLE}), which
     * usage messages and hints show. A failed {@code serve} start prints its one sentence and ends with
     * {@value #START_FAILED}, its stack trace only with {@code --verbose}.
     */
    static CommandLine commandLine(String program) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setCommandName(program);
        // Every command that takes a setting (serve, and the store options of keys and owners) takes its default here.
        commandLine.setDefaultValueProvider(new SettingDefaults());
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof StartException start) {
                failed.getErr().println("gleaner: " + start.getMessage());
                if (failed.getCommand() instanceof ServeCommand serve && serve.verbose) {
                    start.printStackTrace(failed.getErr());
                }
                failed.getErr().flush();
                return START_FAILED;
            }
            if (exception instanceof ClientException client) {
                // Connections refused, unknown hosts, streams that ended: most often a server that is not running.
                String hint = client.kind() == ClientException.Kind.UNREACHABLE
                                && !(client.getCause() instanceof InterruptedException)
                        ? " — is the server running? Start it with: " + program + " serve"
                        : "";
                failed.getErr().println("gleaner: " + client.getMessage() + hint);
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

    /** The program's name in usage and hints: as invoked when known, else {@code gleaner}. */
    static String programName(@Nullable String invokedAs) {
        return invokedAs == null || invokedAs.isBlank() ? "gleaner" : invokedAs.strip();
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
