package dev.gleaner.jobs;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a job's HTML pages are loaded in a headless browser before extraction: {@code AUTO} only when the fetched
 * HTML looks like it needs JavaScript to show its text, {@code ALWAYS} every HTML page, {@code NEVER} none.
 */
public enum RenderMode {
    AUTO,
    ALWAYS,
    NEVER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RenderMode> parse(String wire) {
        for (RenderMode mode : values()) {
            if (mode.wire().equals(wire)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
