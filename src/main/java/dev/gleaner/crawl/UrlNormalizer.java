package dev.gleaner.crawl;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Interim normalizer (replaced by the crawler-commons based one). */
public final class UrlNormalizer {
    public Optional<NormalizedUrl> normalize(String raw, boolean ignoreQueryParameters) {
        try {
            URI uri = new URI(raw.trim()).normalize();
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            URI clean = new URI(scheme, null, host, uri.getPort(), uri.getPath(), ignoreQueryParameters ? null : uri.getQuery(), null);
            return Optional.of(new NormalizedUrl(clean, clean.toString(), host));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    public Optional<NormalizedUrl> resolve(URI base, String href, boolean ignoreQueryParameters) {
        try {
            return normalize(base.resolve(href.trim()).toString(), ignoreQueryParameters);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
