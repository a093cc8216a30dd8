package dev.gleaner.client;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where job progress is shown. {@link Bar} redraws the lines in place with {@code \r} and ANSI cursor moves (a
 * terminal); {@link Lines} prints a plain line per job at each status change and at most every
 * {@link Lines#INTERVAL} otherwise, so logs and pipes stay readable.
 */
public sealed interface ProgressView {
    /** One job's line: its id and the rendered progress. */
    record Line(String jobId, String status, String text) {}

    /** Shows the latest lines, one per followed job, in a stable order. */
    void show(List<Line> lines, Instant now);

    /** Ends the display (before the summary is printed). */
    void end();

    /** Redraws in place; for a terminal. */
    final class Bar implements ProgressView {
        private final PrintWriter out;
        private int drawn;

        public Bar(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void show(List<Line> lines, Instant now) {
            StringBuilder text = new StringBuilder();
            if (drawn > 1) {
                text.append("\u001b[").append(drawn - 1).append('A');
            }
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    text.append('\n');
                }
                Line line = lines.get(i);
                text.append("\r\u001b[2K")
                        .append(lines.size() > 1 ? line.jobId() + "  " : "")
                        .append(line.text());
            }
            drawn = lines.size();
            out.print(text);
            out.flush();
        }

        @Override
        public void end() {
            if (drawn > 0) {
                out.println();
                out.flush();
            }
        }
    }

    /** Plain lines; for logs and pipes. */
    final class Lines implements ProgressView {
        /** Least time between two lines of one job whose status did not change. */
        public static final Duration INTERVAL = Duration.ofSeconds(5);

        private record Printed(String status, Instant at) {}

        private final PrintWriter out;
        private final Map<String, Printed> printed = new HashMap<>();

        public Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void show(List<Line> lines, Instant now) {
            for (Line line : lines) {
                Printed last = printed.get(line.jobId());
                if (last == null
                        || !last.status().equals(line.status())
                        || !now.isBefore(last.at().plus(INTERVAL))) {
                    out.println(line.jobId() + "  " + line.text());
                    printed.put(line.jobId(), new Printed(line.status(), now));
                }
            }
            out.flush();
        }

        @Override
        public void end() {
            out.flush();
        }
    }
}
