package dev.gleaner.crawl;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a server's robots.txt means for the crawler, as {@link RobotsPolicy} read it.
 *
 * @param status whether the file was loaded, is absent (crawl everything), or could not be read (crawl nothing now)
 * @param crawlDelay the {@code Crawl-delay} of the group that applies to the crawler, already capped; zero when none
 * @param sitemaps the {@code Sitemap:} URLs of the whole file, absolute, in file order
 * @param detail a sentence saying where the rules come from, e.g. "robots.txt answered HTTP 503."
 * @param urlRules the parsed allow/disallow rules as a test of an absolute URL; {@link #allows} consults it only when
 *     the file was loaded
 */
public record RobotsRules(
        Status status, Duration crawlDelay, List<String> sitemaps, String detail, Predicate<String> urlRules) {

    /** How the robots.txt fetch ended, in the terms of RFC 9309 §2.3.1. */
    public enum Status {
        /** A robots.txt was fetched and parsed. */
        LOADED,
        /** robots.txt is missing or answered 4xx (other than 429): everything may be crawled. */
        ALLOW_ALL,
        /**
         * The server answered robots.txt with 5xx or 429, or not in time: RFC 9309 §2.3.1.4 says to assume complete
         * disallow, so nothing may be crawled for now.
         */
        UNAVAILABLE,
        /**
         * The server could not be reached at all (connection refused or reset, no such host): not a robots.txt
         * answer but a network failure, which may pass; nothing can be fetched from it for now.
         */
        UNREACHABLE,
        /** The server's address is one the outbound address guard refuses: nothing will be fetched from it. */
        BLOCKED;

        /** Whether robots.txt answered, so its verdict on a URL can be trusted. */
        public boolean answered() {
            return this == LOADED || this == ALLOW_ALL;
        }
    }

    public RobotsRules {
        sitemaps = List.copyOf(sitemaps);
    }

    /** Rules that allow every URL, with no delay and no sitemaps. */
    public static RobotsRules allowAll(String detail) {
        return new RobotsRules(Status.ALLOW_ALL, Duration.ZERO, List.of(), detail, url -> true);
    }

    /** Rules that allow nothing until robots.txt can be read. */
    public static RobotsRules unavailable(String detail) {
        return new RobotsRules(Status.UNAVAILABLE, Duration.ZERO, List.of(), detail, url -> false);
    }

    /** Rules for a server whose robots.txt could not be fetched for a network reason ({@code status} says which). */
    public static RobotsRules unreachable(Status status, String detail) {
        if (status != Status.UNREACHABLE && status != Status.BLOCKED) {
            throw new IllegalArgumentException("Not a network failure: " + status);
        }
        return new RobotsRules(status, Duration.ZERO, List.of(), detail, url -> false);
    }

    /** Whether the crawler may fetch {@code url} (a URL of the server these rules belong to). */
    public boolean allows(URI url) {
        return switch (status) {
            case LOADED -> urlRules.test(url.toString());
            case ALLOW_ALL -> true;
            case UNAVAILABLE, UNREACHABLE, BLOCKED -> false;
        };
    }
}
