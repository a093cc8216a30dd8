package dev.gleaner.crawl;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Request headers (an {@code Authorization}, a {@code Cookie}) that belong to one site, and the rule deciding which
 * request gets them: {@link #forUrl} is asked for every request, every redirect hop included, so a hop to another
 * host gets none. A URL receives the headers when all of these hold:
 *
 * <ol>
 *   <li>its host is the site's host (case-insensitive, a trailing dot ignored), or, with {@code subdomains}, a
 *       subdomain of it ({@code api.docs.example.com} for {@code docs.example.com}; never a sibling or the parent
 *       domain, and never for an IP address);
 *   <li>it is https, or the site is http (headers given for an https site never travel in clear);
 *   <li>its port is the site's, or both use their scheme's default port (so {@code http://x} → {@code https://x}
 *       keeps them).
 * </ol>
 *
 * The values are secrets: {@link #toString()} names the headers and never shows a value. Immutable.
 *
 * @param values header name → value
 * @param site the URL whose host owns the headers (the crawl's seed)
 * @param subdomains whether the site's subdomains get them too
 */
public record SiteHeaders(Map<String, String> values, @Nullable URI site, boolean subdomains) {
    /** No headers, for any URL. */
    public static final SiteHeaders NONE = new SiteHeaders(Map.of(), null, false);

    public SiteHeaders {
        values = Map.copyOf(values);
    }

    /** The headers a request to {@code url} carries: all of them, or none. */
    public Map<String, String> forUrl(URI url) {
        return site != null && !values.isEmpty() && receives(site, subdomains, url) ? values : Map.of();
    }

    /** Whether a request to {@code target} may carry the headers given for {@code site}; see the class comment. */
    public static boolean receives(URI site, boolean subdomains, URI target) {
        String siteHost = hostOf(site);
        String host = hostOf(target);
        if (siteHost == null || host == null) {
            return false;
        }
        boolean sameHost =
                host.equals(siteHost) || (subdomains && !isAddress(siteHost) && host.endsWith("." + siteHost));
        return sameHost && !downgraded(site, target) && samePort(site, target);
    }

    private static boolean downgraded(URI site, URI target) {
        return "https".equals(schemeOf(site)) && !"https".equals(schemeOf(target));
    }

    private static boolean samePort(URI site, URI target) {
        int sitePort = site.getPort();
        int targetPort = target.getPort();
        boolean siteDefault = sitePort == -1 || sitePort == defaultPort(schemeOf(site));
        boolean targetDefault = targetPort == -1 || targetPort == defaultPort(schemeOf(target));
        return (siteDefault && targetDefault) || sitePort == targetPort;
    }

    private static int defaultPort(@Nullable String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    private static @Nullable String schemeOf(URI url) {
        String scheme = url.getScheme();
        return scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
    }

    private static @Nullable String hostOf(URI url) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return null;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static boolean isAddress(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    @Override
    public String toString() {
        return new TreeMap<>(values)
                .keySet().stream()
                        .map(name -> name + ": ***")
                        .collect(Collectors.joining(", ", "SiteHeaders[", "] for " + site));
    }
}
