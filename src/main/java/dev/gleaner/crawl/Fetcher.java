package dev.gleaner.crawl;

import java.net.URI;

/**
 * Fetches one URL over HTTP(S), following redirects itself so that every hop passes the outbound address guard.
 * Never throws for anything the network or the remote server does: every ending is a {@link FetchOutcome}. Safe for
 * concurrent use from many (virtual) threads.
 */
public interface Fetcher {
    FetchOutcome fetch(URI url);
}
