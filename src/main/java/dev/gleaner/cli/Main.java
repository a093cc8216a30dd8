package dev.gleaner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gleaner} command line: {@code serve} runs the service, {@code keys create} issues a developer key. */
@Command(
        name = "gleaner",
        mixinStandardHelpOptions = true,
        version = "gleaner 0.1.0",
        description = "Self-hosted knowledgebase ingestion: crawl, extract, chunk, embed, index, query.",
        subcommands = {ServeCommand.class, KeysCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0 || !isServe(args)) {
            System.exit(exit);
        }
    }

    private static boolean isServe(String[] args) {
        for (String arg : args) {
            if (arg.equals("serve")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
