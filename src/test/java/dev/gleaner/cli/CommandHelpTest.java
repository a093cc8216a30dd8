package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers {@code --help} and {@code --version}; the completion script covers them all. */
class CommandHelpTest {
    @Test
    void everyCommandOfTheTreeAnswersHelpWithItsUsage() {
        List<List<String>> paths = commandPaths();
        assertThat(paths).as("the walk found the tree").hasSizeGreaterThan(20);

        for (List<String> path : paths) {
            Run help = run(path, "--help");

            assertThat(help.exit()).as("%s --help: %s", path, help.err()).isZero();
            assertThat(help.out())
                    .as("%s --help", path)
                    .startsWith("Usage: " + String.join(" ", prefixed("bin/gleaner", path)))
                    .contains("-h, --help");
            assertThat(help.err()).as("%s --help", path).isEmpty();
        }
    }

    @Test
    void everyCommandOfTheTreeAnswersVersion() {
        for (List<String> path : commandPaths()) {
            Run version = run(path, "--version");

            assertThat(version.exit())
                    .as("%s --version: %s", path, version.err())
                    .isZero();
            assertThat(version.out().strip()).as("%s --version", path).isEqualTo("gleaner 0.1.0");
        }
    }

    @Test
    void theCompletionScriptCompletesEveryCommandUnderTheProgramsBaseName() {
        Run completion = run(List.of("completion"));

        assertThat(completion.exit()).as(completion.err()).isZero();
        assertThat(completion.out()).contains("complete -F _complete_gleaner").contains("-o default gleaner");
        for (List<String> path : commandPaths()) {
            assertThat(completion.out()).as("%s", path).contains(path.get(path.size() - 1));
        }
    }

    /** Every command below the root, as the words that invoke it. */
    private static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        walk(Main.commandLine("bin/gleaner"), List.of(), paths);
        return paths;
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> into) {
        for (CommandLine sub : command.getSubcommands().values()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getCommandName());
            if (!into.contains(subPath)) {
                into.add(subPath);
                walk(sub, subPath, into);
            }
        }
    }

    private static List<String> prefixed(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(List<String> path, String... more) {
        CommandLine commandLine = Main.commandLine("bin/gleaner");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(path);
        args.addAll(List.of(more));
        int exit = commandLine.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
