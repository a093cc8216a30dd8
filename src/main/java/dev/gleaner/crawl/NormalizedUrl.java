package dev.gleaner.crawl;

import java.net.URI;

/** A URL in canonical form: {@code key} deduplicates URLs within a job; {@code host} is lower-cased. */
public record NormalizedUrl(URI uri, String key, String host) {}
