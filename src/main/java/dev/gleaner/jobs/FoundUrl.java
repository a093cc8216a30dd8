package dev.gleaner.jobs;

import org.jspecify.annotations.Nullable;

/**
 * A URL a job came across (a seed or a link), already normalized: {@code key} is its canonical form, unique per job;
 * {@code host} is the server politeness limits apply to (host, and port when not the default).
 * {@code skip} is null for a URL that passed scope and should be admitted if the job's limit allows; otherwise the
 * reason it is recorded as skipped.
 */
public record FoundUrl(String url, String key, String host, int depth, @Nullable SkipReason skip) {
    public static FoundUrl candidate(String url, String key, String host, int depth) {
        return new FoundUrl(url, key, host, depth, null);
    }
}
