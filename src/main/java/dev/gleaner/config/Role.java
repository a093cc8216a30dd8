package dev.gleaner.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one {@code gleaner serve} process runs ({@link ServerSetting#ROLE}). Processes sharing one PostgreSQL database
 * can split the work: the API's processes queue jobs and uploads in the database, the workers' processes take them
 * from there.
 */
public enum Role {
    /** The API, the web UI and the workers: one process that does everything (the default). */
    ALL,
    /** The API and the web UI; its jobs and uploads are queued for the workers of other processes. */
    API,
    /** The crawl workers, the upload ingestor and the webhook dispatcher; over HTTP only health and metrics. */
    WORKER;

    /** The role spelled {@code text}, in any case; empty when no role is spelled so. */
    public static Optional<Role> parse(String text) {
        return Arrays.stream(values())
                .filter(role -> role.shown().equalsIgnoreCase(text.strip()))
                .findFirst();
    }

    /** Whether the process serves the API, the web UI and queries. */
    public boolean servesApi() {
        return this != WORKER;
    }

    /** Whether the process runs the crawl workers, the upload ingestor and the webhook dispatcher. */
    public boolean runsWorkers() {
        return this != API;
    }

    /** The role as the command line spells it: {@code all}, {@code api} or {@code worker}. */
    public String shown() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return shown();
    }

    /** Every role, as the command line spells them, e.g. for a message: {@code all, api, worker}. */
    static String allShown() {
        return Arrays.stream(values()).map(Role::shown).collect(Collectors.joining(", "));
    }
}
