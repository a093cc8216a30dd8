package dev.gleaner.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.sources.Schedule;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@code POST …/sources} or {@code PATCH …/sources/{sourceId}} body into a {@link SourceDefinition}, or a 400
 * listing every problem at once (those of the nested request named {@code request.…}).
 *
 * <p>{@code schedule} is {@code {"every": "PT6H"}} (an ISO-8601 duration of at least 15 minutes) or
 * {@code {"cron": "0 3 * * *"}} (5 fields, UTC), absent or null for a manual source.
 */
final class SourceRequestValidator {
    static final Set<String> FIELDS = Set.of("name", "request", "schedule");
    static final Set<String> SCHEDULE_FIELDS = Set.of("every", "cron");
    /** The longest source name. */
    static final int MAX_NAME_LENGTH = 200;
    /** The longest interval text accepted before parsing. */
    private static final int MAX_EVERY_LENGTH = 40;

    private final CrawlRequestValidator requests;

    SourceRequestValidator(ApiLimits limits, AddressGuard guard) {
        this.requests = new CrawlRequestValidator(limits, guard);
    }

    /**
     * A source's definition: each field is {@code given} or not (a PATCH changes only the given ones; a POST needs a
     * request). {@code requestHeadersGiven} says whether the request named its headers (a PATCH without them keeps
     * the stored ones).
     */
    record SourceDefinition(
            boolean nameGiven,
            @Nullable String name,
            @Nullable CrawlRequest request,
            boolean requestHeadersGiven,
            boolean scheduleGiven,
            Schedule schedule) {}

    SourceDefinition create(JsonNode body) {
        return read(body, true);
    }

    SourceDefinition change(JsonNode body) {
        return read(body, false);
    }

    private SourceDefinition read(JsonNode body, boolean creating) {
        Problems problems = new Problems();
        JsonFields fields = JsonFields.ofBody(body, problems);
        fields.rejectUnknown(FIELDS);
        String name = fields.text("name", false, MAX_NAME_LENGTH);
        CrawlRequest request = null;
        boolean headersGiven = false;
        if (creating || fields.has("request")) {
            if (!fields.has("request")) {
                fields.problem("request", "is required: the crawl, sitemap or batch request (as POST …/crawl takes)");
            }
            JsonFields nested = fields.object("request");
            if (nested != null) {
                request = requests.read(nested);
                headersGiven = nested.has("headers");
            }
        }
        Schedule schedule = schedule(fields);
        problems.throwIfAny();
        return new SourceDefinition(body.has("name"), name, request, headersGiven, body.has("schedule"), schedule);
    }

    private static Schedule schedule(JsonFields fields) {
        JsonFields schedule = fields.object("schedule");
        if (schedule == null) {
            return new Schedule.Manual();
        }
        schedule.rejectUnknown(SCHEDULE_FIELDS);
        boolean every = schedule.has("every");
        boolean cron = schedule.has("cron");
        if (every == cron) {
            fields.problem(
                    "schedule",
                    "must have exactly one of every (an ISO-8601 duration such as PT6H) and cron"
                            + " (5 fields, UTC, such as 0 3 * * *); omit schedule for a source synced only on demand");
            return new Schedule.Manual();
        }
        String field = every ? "every" : "cron";
        String text = schedule.text(field, true, every ? MAX_EVERY_LENGTH : Schedule.MAX_CRON_LENGTH);
        if (text == null) {
            return new Schedule.Manual();
        }
        return switch (every ? Schedule.every(text) : Schedule.cron(text)) {
            case Schedule.Parsed.Valid valid -> valid.schedule();
            case Schedule.Parsed.Invalid invalid -> {
                schedule.problem(field, invalid.problem());
                yield new Schedule.Manual();
            }
        };
    }
}
