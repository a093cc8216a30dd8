package dev.gleaner.crawl;

import java.net.URI;

/**
 * A URL in the form the crawler fetches and stores.
 *
 * @param uri the URL to fetch: scheme and host lower-cased, no fragment, no default port, dot segments resolved,
 *     percent-encoding normalized; the query keeps its order
 * @param key the canonical form that deduplicates URLs within a job: like {@code uri}, with query parameters sorted,
 *     tracking parameters removed, and no query at all when query parameters are ignored; a {@code www.} host prefix,
 *     a trailing slash on a path other than {@code /} and a last segment such as {@code index.html} are folded away
 * @param host the lower-cased host ({@code [..]} around an IPv6 literal)
 */
public record NormalizedUrl(URI uri, String key, String host) {
    /**
     * The server politeness limits apply to: the host, with the port when it is not the scheme's default (like
     * robots.txt, which RFC 9309 scopes to scheme, host and port).
     */
    public String server() {
        return serverOf(uri);
    }

    /** {@link #server()} of any URL (host lower-cased). */
    public static String serverOf(URI url) {
        String host = String.valueOf(url.getHost()).toLowerCase(java.util.Locale.ROOT);
        return url.getPort() == -1 ? host : host + ":" + url.getPort();
    }
}
