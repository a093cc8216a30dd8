package dev.gleaner.webhooks;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of a job's delivery log, in the order the events were emitted; {@code nextCursor} is null on the last. */
public record EventLogPage(List<EventLog> events, @Nullable String nextCursor) {
    public EventLogPage {
        events = List.copyOf(events);
    }
}
