package dev.gleaner.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** What the client shows of a job: the fields of the API's {@code Job}, read leniently (extensions may be absent). */
public record JobState(
        String jobId,
        String mode,
        String status,
        long total,
        long done,
        long failed,
        long skipped,
        @Nullable String url,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String error) {

    public static JobState of(JsonNode job) {
        JsonNode skipped = job.path("skipped");
        long skippedTotal = 0;
        for (JsonNode count : skipped) {
            skippedTotal += count.asLong();
        }
        return new JobState(
                job.path("jobId").asText(),
                job.path("mode").asText(),
                job.path("status").asText(),
                job.path("total").asLong(),
                job.path("done").asLong(),
                job.path("failed").asLong(),
                skippedTotal,
                text(job, "url"),
                instant(job, "startedAt"),
                instant(job, "finishedAt"),
                text(job, "error"));
    }

    /** Completed, failed or cancelled: it will not change any more. */
    public boolean finished() {
        return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
    }

    /** The exit code a client that followed this finished job ends with. */
    public int exitCode() {
        return switch (status) {
            case "completed" -> failed == 0 ? ExitCodes.OK : ExitCodes.PAGES_FAILED;
            default -> ExitCodes.JOB_FAILED;
        };
    }

    private static @Nullable String text(JsonNode job, String field) {
        JsonNode value = job.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static @Nullable Instant instant(JsonNode job, String field) {
        String value = text(job, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
