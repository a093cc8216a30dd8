package dev.gleaner.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-Sent Events parsing, line by line, as the job events protocol uses it. */
class SseParserTest {
    private static List<SseEvent> parse(SseParser parser, String... lines) {
        List<SseEvent> events = new ArrayList<>();
        for (String line : lines) {
            SseEvent event = parser.accept(line);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    @Test
    void theProtocolsStreamBecomesJobEventsThenReady() {
        SseParser parser = new SseParser();
        List<SseEvent> events = parse(
                parser,
                "retry: 3000",
                "",
                "id: c1",
                "event: job",
                "data: {\"jobId\":\"job_1\"}",
                "",
                "event: ready",
                "data: {}",
                "",
                ": keep-alive",
                "",
                "id: c2",
                "event: job",
                "data: {\"jobId\":\"job_1\",\"done\":3}",
                "");

        assertThat(parser.retryMillis()).isEqualTo(3000);
        assertThat(events)
                .containsExactly(
                        new SseEvent("c1", "job", "{\"jobId\":\"job_1\"}"),
                        // The last event id persists until another one is set.
                        new SseEvent("c1", "ready", "{}"),
                        new SseEvent("c2", "job", "{\"jobId\":\"job_1\",\"done\":3}"));
    }

    @Test
    void dataLinesJoinWithNewlinesAndOnlyOneLeadingSpaceIsDropped() {
        List<SseEvent> events = parse(new SseParser(), "data:  a", "data:b", "data", "");

        assertThat(events).containsExactly(new SseEvent(null, "message", " a\nb\n"));
    }

    @Test
    void commentsUnknownFieldsAndEmptyEventsDispatchNothing() {
        SseParser parser = new SseParser();
        List<SseEvent> events = parse(parser, ": keep-alive", "", "event: job", "", "foo: bar", "retry: soon", "");

        assertThat(events).isEmpty();
        assertThat(parser.retryMillis()).isEqualTo(-1);
    }

    @Test
    void anEventNotEndedByABlankLineIsNotDispatched() {
        assertThat(parse(new SseParser(), "event: job", "data: {}")).isEmpty();
    }
}
