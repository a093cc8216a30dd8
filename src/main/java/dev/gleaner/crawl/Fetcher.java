package dev.gleaner.crawl;

import java.net.URI;

/**
 * Fetches one URL over HTTP(S), following redirects itself so that every hop passes the outbound address guard.
 * Never throws for anything the network or the remote server does: every ending is a {@link FetchOutcome}. Safe for
 * concurrent use from many (virtual) threads.
 */
public interface Fetcher {
    /**
     * Fetches {@code url}, each request (every redirect hop) carrying the headers {@link SiteHeaders#forUrl} gives for
     * that request's own URL.
     */
    FetchOutcome fetch(URI url, SiteHeaders headers);

    /**
     * Fetches {@code url} like {@link #fetch(URI, SiteHeaders)}, its first request made conditional by
     * {@code validators} ({@code If-None-Match}, {@code If-Modified-Since}); a redirect hop carries none. Answers
     * {@link FetchOutcome.NotModified} when the server says the page has not changed. A fetcher that cannot send
     * conditional requests fetches unconditionally, and then never answers {@code NotModified}.
     */
    default FetchOutcome fetch(URI url, SiteHeaders headers, Validators validators) {
        return fetch(url, headers);
    }

    /** Fetches {@code url} with no headers of a site's own. */
    default FetchOutcome fetch(URI url) {
        return fetch(url, SiteHeaders.NONE);
    }
}
