package dev.gleaner.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Turns resolved link targets into the URL form {@link ExtractedPage} holds. */
final class CrawlableUrls {
    private CrawlableUrls() {}

    /** The absolute http(s) URL without its fragment, or null when {@code resolved} is not one. */
    static @Nullable String crawlable(String resolved) {
        if (resolved.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(escapedIllegalAscii(resolved.strip()));
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getRawAuthority() == null) {
                return null;
            }
            String link = uri.toString();
            int fragment = link.indexOf('#');
            return fragment < 0 ? link : link.substring(0, fragment);
        } catch (URISyntaxException invalid) {
            return null;
        }
    }

    /** {@code href} resolved against {@code base}, then as {@link #crawlable}; null when it cannot be resolved. */
    static @Nullable String resolved(URI base, String href) {
        if (href.isBlank()) {
            return null;
        }
        try {
            return crawlable(
                    base.resolve(new URI(escapedIllegalAscii(href.strip()))).toString());
        } catch (URISyntaxException | IllegalArgumentException invalid) {
            return null;
        }
    }

    /** Percent-encodes the ASCII characters browsers accept in an href but {@link URI} does not. */
    private static String escapedIllegalAscii(String link) {
        StringBuilder escaped = new StringBuilder(link.length());
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            if (c <= ' ' || "\"<>\\^`{|}".indexOf(c) >= 0) {
                escaped.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
