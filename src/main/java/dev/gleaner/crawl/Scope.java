package dev.gleaner.crawl;

import crawlercommons.domains.EffectiveTldFinder;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Which URLs a crawl may follow, decided from its seed. A URL is in scope when all of these hold:
 *
 * <ol>
 *   <li>its host is the seed's host (case-insensitive), or with {@code allowSubdomains} shares the seed's registrable
 *       domain (public suffix list, private suffixes such as {@code github.io} respected); IP addresses and hosts
 *       without a registrable domain must match exactly. Scheme and port are not compared.
 *   <li>unless {@code crawlEntireDomain}: its path is the seed's directory or below it, on segment boundaries (seed
 *       {@code /docs} admits {@code /docs/a}, not {@code /docsx}; seed {@code /docs/guide.html} admits {@code /docs/…}).
 *   <li>with include patterns, its decoded path matches at least one ({@link java.util.regex.Matcher#find}), and it
 *       matches no exclude pattern.
 * </ol>
 *
 * Patterns come from users, so each may be at most {@link #MAX_PATTERN_LENGTH} characters, and a match that takes more
 * than {@link #MATCH_STEP_BUDGET} character reads (catastrophic backtracking) counts as out of scope. Include patterns
 * also apply to the seed itself; a caller that always fetches the seed asks {@link #isSeed} first. Immutable.
 */
public final class Scope {
    /** Longest include/exclude pattern accepted. */
    public static final int MAX_PATTERN_LENGTH = 500;

    /**
     * Character reads one pattern may spend on one path before the path is treated as out of scope: enough for a
     * quadratic pattern such as {@code .*draft$} on a path of the longest URL, far too few for exponential backtracking.
     */
    public static final int MATCH_STEP_BUDGET = 20_000_000;

    private final URI seed;
    private final String seedHost;
    private final @Nullable String seedDomain;
    private final String seedDirectory;
    private final boolean allowSubdomains;
    private final boolean crawlEntireDomain;
    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    /**
     * @throws IllegalArgumentException when the seed has no host or a pattern has a {@link #patternProblem}
     */
    public Scope(
            URI seed,
            boolean allowSubdomains,
            boolean crawlEntireDomain,
            List<String> includePaths,
            List<String> excludePaths) {
        this.seed = seed;
        this.seedHost = hostOf(seed).orElseThrow(() -> new IllegalArgumentException("The seed URL has no host."));
        this.seedDomain = EffectiveTldFinder.getAssignedDomain(seedHost, true, false);
        this.seedDirectory = directoryOf(seed.getRawPath());
        this.allowSubdomains = allowSubdomains;
        this.crawlEntireDomain = crawlEntireDomain;
        this.includes = compile(includePaths);
        this.excludes = compile(excludePaths);
    }

    /**
     * What is wrong with a user-supplied path pattern, as a sentence, or empty when it is usable: longer than
     * {@link #MAX_PATTERN_LENGTH} characters, or not a valid Java regular expression.
     */
    public static Optional<String> patternProblem(String regex) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            return Optional.of(
                    "The pattern is " + regex.length() + " characters long; the limit is " + MAX_PATTERN_LENGTH + ".");
        }
        try {
            Pattern.compile(regex);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            String where = e.getIndex() >= 0 ? " near position " + e.getIndex() : "";
            return Optional.of("The pattern is not a valid regular expression: " + e.getDescription() + where + ".");
        }
    }

    /** Whether the crawl may follow {@code url}. */
    public boolean allows(URI url) {
        Optional<String> host = hostOf(url);
        if (host.isEmpty() || !hostAllowed(host.get())) {
            return false;
        }
        String rawPath = pathOf(url.getRawPath());
        if (!crawlEntireDomain && !isAtOrBelow(rawPath, seedDirectory)) {
            return false;
        }
        String path = pathOf(url.getPath());
        if (!includes.isEmpty() && includes.stream().noneMatch(p -> BoundedMatch.finds(p, path, false))) {
            return false;
        }
        return excludes.stream().noneMatch(p -> BoundedMatch.finds(p, path, true));
    }

    /** Whether {@code url} is the seed itself (host case-insensitive, same port, path and query). */
    public boolean isSeed(URI url) {
        return hostOf(url).map(seedHost::equals).orElse(false)
                && url.getPort() == seed.getPort()
                && pathOf(url.getRawPath()).equals(pathOf(seed.getRawPath()))
                && Objects.equals(url.getRawQuery(), seed.getRawQuery());
    }

    private boolean hostAllowed(String host) {
        if (host.equals(seedHost)) {
            return true;
        }
        return allowSubdomains
                && seedDomain != null
                && seedDomain.equals(EffectiveTldFinder.getAssignedDomain(host, true, false));
    }

    private static boolean isAtOrBelow(String path, String directory) {
        if (directory.equals("/")) {
            return true;
        }
        return path.equals(directory) || path.startsWith(directory + "/");
    }

    /** The seed's path without a trailing file name (a last segment with a dot) and without a trailing slash. */
    private static String directoryOf(@Nullable String rawPath) {
        String path = pathOf(rawPath);
        int lastSlash = path.lastIndexOf('/');
        if (path.substring(lastSlash + 1).contains(".")) {
            path = path.substring(0, lastSlash + 1);
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.isEmpty() ? "/" : path;
    }

    private static String pathOf(@Nullable String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static Optional<String> hostOf(URI url) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return Optional.of(lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower);
    }

    private static List<Pattern> compile(List<String> regexes) {
        return regexes.stream()
                .map(regex -> {
                    patternProblem(regex).ifPresent(problem -> {
                        throw new IllegalArgumentException(problem);
                    });
                    return Pattern.compile(regex);
                })
                .toList();
    }
}
