package dev.gleaner.crawl;

import crawlercommons.domains.EffectiveTldFinder;
import crawlercommons.filters.basic.BasicURLNormalizer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns raw URLs and link targets into {@link NormalizedUrl}s, or nothing when a URL is not one the crawler may fetch:
 * not absolute, not http(s), carrying credentials, without a host, unparsable, or longer than
 * {@link #MAX_URL_LENGTH} characters.
 *
 * <p>Scheme, host (IDNs to punycode), port, path and percent-encoding are normalized by crawler-commons'
 * {@link BasicURLNormalizer}, given the URL <em>without</em> its query: in crawler-commons 1.5 the normalizer computes
 * the query's position before unescaping the path and then cuts at the wrong index (e.g. {@code /%7efoo/?q=%41}
 * becomes {@code /~foo/?q?A}). The query is therefore percent-normalized with the library's own escape helpers and
 * split here, which also lets {@code uri} keep the parameter order the site used while {@code key} sorts it. The
 * library silently drops user-info, so credentials are detected before it runs. The {@code key} also folds variants
 * of one page that the library keeps apart (a {@code www.} host prefix, a trailing slash, a default document such as
 * {@code index.html}); those are folded here, only in the key, since the fetched {@code uri} must stay the URL the site
 * uses. Thread-safe and stateless.
 */
public final class UrlNormalizer {
    /** Longer URLs are refused: no site needs them, and they bloat every store and index key. */
    public static final int MAX_URL_LENGTH = 2_048;

    /** Parameters that only track where a visitor came from; they never change a page's content. */
    static final Set<String> TRACKING_PARAMETERS = Set.of(
            "fbclid",
            "gclid",
            "gclsrc",
            "dclid",
            "gbraid",
            "wbraid",
            "msclkid",
            "yclid",
            "twclid",
            "igshid",
            "mc_cid",
            "mc_eid",
            "_ga",
            "_gl",
            "_hsenc",
            "_hsmi",
            "mkt_tok",
            "vero_id",
            "oly_anon_id",
            "oly_enc_id");

    /** Last path segments that name a directory's default document; the key folds them to the directory. */
    static final Set<String> DEFAULT_DOCUMENTS =
            Set.of("index.html", "index.htm", "index.php", "default.htm", "default.aspx");

    private static final String WWW = "www.";
    private static final String TRACKING_PREFIX = "utm_";
    private static final Pattern SCHEME_AND_AUTHORITY = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#\\\\]*)");
    /** A link's scheme (optional) and authority: {@code https://host:port} or {@code //host}. */
    private static final Pattern LINK_AUTHORITY = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#\\\\]*");

    private static final Set<String> IGNORED_LINK_SCHEMES = Set.of("javascript:", "mailto:", "tel:", "data:");

    private final BasicURLNormalizer normalizer = new BasicURLNormalizer();

    /** Normalizes an absolute URL, e.g. a seed or a URL of a batch. */
    public Optional<NormalizedUrl> normalize(String raw, boolean ignoreQueryParameters) {
        String url = withoutFragment(raw.strip());
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.empty();
        }
        Matcher head = SCHEME_AND_AUTHORITY.matcher(url);
        if (!head.find()) {
            return Optional.empty();
        }
        String scheme = head.group(1).toLowerCase(Locale.ROOT);
        String authority = head.group(2);
        if ((!scheme.equals("http") && !scheme.equals("https")) || authority.isEmpty() || authority.contains("@")) {
            return Optional.empty();
        }
        int queryStart = url.indexOf('?', head.end());
        String withoutQuery = queryStart < 0 ? url : url.substring(0, queryStart);
        String query = queryStart < 0 ? "" : url.substring(queryStart + 1);
        return build(withoutQuery, query, ignoreQueryParameters);
    }

    /**
     * Resolves a link target ({@code href}) against the page it was found on. Empty for {@code javascript:},
     * {@code mailto:}, {@code tel:} and {@code data:} links, fragment-only and empty hrefs, and for anything
     * {@link #normalize} refuses.
     */
    public Optional<NormalizedUrl> resolve(URI base, String href, boolean ignoreQueryParameters) {
        String target = href.strip();
        String lower = target.toLowerCase(Locale.ROOT);
        if (target.isEmpty()
                || target.startsWith("#")
                || target.length() > MAX_URL_LENGTH
                || IGNORED_LINK_SCHEMES.stream().anyMatch(lower::startsWith)) {
            return Optional.empty();
        }
        String relative = escapedAfterAuthority(withoutFragment(target));
        try {
            URI reference = new URI(relative);
            return normalize(resolved(base, reference, relative).toString(), ignoreQueryParameters);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The href with its path and query percent-escaped, its scheme and authority kept as written: escaping them would
     * turn the brackets of an IPv6 literal ({@code http://[::1]:8080/}) into {@code %5B…%5D} and lose the host.
     */
    private static String escapedAfterAuthority(String href) {
        Matcher authority = LINK_AUTHORITY.matcher(href);
        if (!authority.find()) {
            return BasicURLNormalizer.escapePath(href);
        }
        return href.substring(0, authority.end()) + BasicURLNormalizer.escapePath(href.substring(authority.end()));
    }

    private static URI resolved(URI base, URI reference, String relative) throws URISyntaxException {
        if (reference.isAbsolute()) {
            return reference;
        }
        URI root = base.getRawPath() == null || base.getRawPath().isEmpty()
                ? new URI(base.getScheme(), base.getRawAuthority(), "/", null, null)
                : base;
        if (relative.startsWith("?")) {
            // java.net.URI follows RFC 2396 here and drops the base's last segment; RFC 3986 keeps the whole path.
            return URI.create(withoutQuery(root.toString()) + relative);
        }
        return root.resolve(reference);
    }

    private Optional<NormalizedUrl> build(String withoutQuery, String rawQuery, boolean ignoreQueryParameters) {
        @Nullable String base;
        try {
            base = normalizer.filter(withoutQuery);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (base == null) {
            return Optional.empty();
        }
        List<String> parameters = parameters(rawQuery);
        String query = String.join("&", parameters);
        String full = query.isEmpty() ? base : base + "?" + query;
        if (full.length() > MAX_URL_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(full);
            String host = uri.getHost();
            if (host == null || uri.getPort() > 65_535) {
                return Optional.empty();
            }
            String keyBase = keyBase(uri, host);
            String key = ignoreQueryParameters ? keyBase : withQuery(keyBase, keyParameters(parameters));
            return Optional.of(new NormalizedUrl(uri, key, host.toLowerCase(Locale.ROOT)));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * The key's URL without query: like {@code uri}'s, with variants of one page folded together, namely a {@code www.}
     * host prefix (when what remains still has a registrable domain), a last segment that names a directory's default
     * document ({@link #DEFAULT_DOCUMENTS}, any case) and a trailing slash on a path other than {@code /}.
     */
    private static String keyBase(URI uri, String host) {
        String keyHost = host.toLowerCase(Locale.ROOT);
        if (keyHost.startsWith(WWW)
                && EffectiveTldFinder.getAssignedDomain(keyHost.substring(WWW.length()), true, false) != null) {
            keyHost = keyHost.substring(WWW.length());
        }
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + keyHost + port + keyPath(uri.getRawPath());
    }

    private static String keyPath(@Nullable String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        int lastSlash = path.lastIndexOf('/');
        if (DEFAULT_DOCUMENTS.contains(path.substring(lastSlash + 1).toLowerCase(Locale.ROOT))) {
            path = path.substring(0, lastSlash + 1);
        }
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    /** The query's parameters in their order, percent-encoding normalized, empty ones dropped. */
    private static List<String> parameters(String rawQuery) {
        List<String> parameters = new ArrayList<>();
        String normalized = BasicURLNormalizer.unescapePath(BasicURLNormalizer.escapePath(rawQuery));
        for (String parameter : normalized.split("&", -1)) {
            if (!parameter.isEmpty() && !parameter.startsWith("=")) {
                parameters.add(parameter);
            }
        }
        return parameters;
    }

    /** Sorted by name (stable, so repeated names keep their relative order), without tracking parameters. */
    private static List<String> keyParameters(List<String> parameters) {
        return parameters.stream()
                .filter(parameter -> !isTracking(name(parameter)))
                .sorted(Comparator.comparing(UrlNormalizer::name))
                .toList();
    }

    private static boolean isTracking(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(TRACKING_PREFIX) || TRACKING_PARAMETERS.contains(lower);
    }

    private static String name(String parameter) {
        int equals = parameter.indexOf('=');
        return equals < 0 ? parameter : parameter.substring(0, equals);
    }

    private static String withQuery(String base, List<String> parameters) {
        return parameters.isEmpty() ? base : base + "?" + String.join("&", parameters);
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private static String withoutQuery(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question);
    }
}
