package dev.gleaner.client;

import org.jspecify.annotations.Nullable;

/**
 * Reads a Server-Sent Events stream line by line (the WHATWG rules): {@code field: value} lines accumulate an event,
 * a blank line dispatches it, lines starting with {@code :} are comments (heartbeats), {@code data} lines join with
 * a newline, {@code retry} sets the reconnection delay. Unknown fields are ignored. One parser per connection.
 */
public final class SseParser {
    /** Longest data of one event kept; a larger one is a broken stream. */
    public static final int MAX_EVENT_CHARS = 1024 * 1024;

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String type = "";
    private @Nullable String id;
    private long retryMillis = -1;

    /** Takes one line (without its line ending); returns the event a blank line completes, else null. */
    public @Nullable SseEvent accept(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return null;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> appendData(value);
            case "event" -> type = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    id = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 10) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> {
                // Ignored, as the standard says.
            }
        }
        return null;
    }

    /** The reconnection delay the server asked for, or -1 when it named none. */
    public long retryMillis() {
        return retryMillis;
    }

    private void appendData(String value) {
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
        if (data.length() > MAX_EVENT_CHARS) {
            throw new ClientException(
                    ClientException.Kind.SERVER, "an event of the stream exceeds " + MAX_EVENT_CHARS + " characters");
        }
    }

    private @Nullable SseEvent dispatch() {
        // The last event id persists across events, as the standard says; it is sent back on reconnection.
        SseEvent event = hasData ? new SseEvent(id, type.isEmpty() ? "message" : type, data.toString()) : null;
        data.setLength(0);
        hasData = false;
        type = "";
        return event;
    }
}
