package dev.gleaner.jobs;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events a job's webhook can be sent, in the order a job emits them; {@link #wire()} is the event's name. */
public enum WebhookEvent {
    STARTED("crawl.started"),
    PAGE("crawl.page"),
    COMPLETED("crawl.completed"),
    FAILED("crawl.failed"),
    CANCELLED("crawl.cancelled");

    /** Every event name, in the order a job emits them. */
    public static final List<String> WIRE_NAMES =
            Arrays.stream(values()).map(WebhookEvent::wire).toList();

    private final String wire;

    WebhookEvent(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The event named {@code wire}, if there is one. */
    public static Optional<WebhookEvent> fromWire(String wire) {
        return Arrays.stream(values()).filter(event -> event.wire.equals(wire)).findFirst();
    }

    /** Whether this event reports the end of a job (each job emits exactly one). */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The terminal event reporting a job that ended with {@code status}. */
    public static WebhookEvent terminal(JobStatus status) {
        return switch (status) {
            case COMPLETED -> COMPLETED;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
            case QUEUED, RUNNING -> throw new IllegalArgumentException("Job status " + status + " is not final");
        };
    }
}
