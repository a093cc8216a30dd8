package dev.gleaner.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the {@code gleaner} command line, its output captured; stdout and stderr are thread-safe. */
record ClientRun(int exit, StringWriter out, StringWriter err) {
    /** Runs {@code args}, then {@code extra} (e.g. {@code --server} and {@code --key}), and returns once it ended. */
    static ClientRun of(List<String> args, List<String> extra) {
        return start(args, extra).finish();
    }

    /** A run whose output can be read while {@link Pending#finish} runs it (on a thread of the caller's choice). */
    static Pending start(List<String> args, List<String> extra) {
        return start("gleaner", args, extra);
    }

    /** As {@link #of(List, List)}, the command line invoked as {@code program} (e.g. {@code bin/gleaner}). */
    static ClientRun as(String program, List<String> args, List<String> extra) {
        return start(program, args, extra).finish();
    }

    private static Pending start(String program, List<String> args, List<String> extra) {
        List<String> all = new ArrayList<>(args);
        all.addAll(extra);
        return new Pending(program, all, new StringWriter(), new StringWriter());
    }

    record Pending(String program, List<String> args, StringWriter out, StringWriter err) {
        ClientRun finish() {
            CommandLine commandLine = Main.commandLine(program);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int exit = commandLine.execute(args.toArray(String[]::new));
            return new ClientRun(exit, out, err);
        }
    }

    String stdout() {
        return out.toString();
    }

    String stderr() {
        return err.toString();
    }

    String describe() {
        return "exit " + exit + "\n--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }
}
