package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A source in words, for the terminal. */
final class SourceText {
    private SourceText() {}

    /** What the source syncs: its mode and seed, or how many URLs a batch has. */
    static String what(JsonNode source) {
        JsonNode request = source.path("request");
        String mode = request.path("mode").asText();
        return mode.equals("batch")
                ? "batch of " + request.path("urls").size() + " URLs"
                : mode + " " + request.path("url").asText();
    }

    static String schedule(JsonNode source) {
        JsonNode schedule = source.path("schedule");
        if (schedule.has("every")) {
            return "every " + schedule.path("every").asText();
        }
        if (schedule.has("cron")) {
            return "cron " + schedule.path("cron").asText() + " UTC";
        }
        return "manual";
    }

    /** The last sync's status and changes, or the last skip, or "never". */
    static String lastSync(JsonNode source) {
        JsonNode last = source.path("lastJob");
        if (last.isMissingNode()) {
            return "never";
        }
        JsonNode changes = last.path("changes");
        return last.path("jobId").asText() + " " + last.path("status").asText() + " (+"
                + changes.path("new").asLong() + " ~" + changes.path("updated").asLong() + " ="
                + changes.path("unchanged").asLong() + " -"
                + changes.path("removed").asLong() + ")";
    }

    static String describe(JsonNode source) {
        StringBuilder text = new StringBuilder();
        line(text, "id", source.path("id").asText());
        if (source.has("name")) {
            line(text, "name", source.path("name").asText());
        }
        line(text, "request", what(source));
        line(text, "schedule", schedule(source));
        line(text, "next run", source.path("nextRunAt").asText("-"));
        line(text, "last sync", lastSync(source));
        if (source.has("lastSkipped")) {
            line(
                    text,
                    "last skipped",
                    source.path("lastSkipped").path("at").asText() + ": "
                            + source.path("lastSkipped").path("reason").asText());
        }
        line(text, "request (JSON)", source.path("request").toString());
        return text.toString().stripTrailing();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(label).append(": ").append(value).append(System.lineSeparator());
    }
}
