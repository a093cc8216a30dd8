package dev.gleaner.crawl;

import crawlercommons.domains.EffectiveTldFinder;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import dev.gleaner.MediaType;
import dev.gleaner.crawl.FetchOutcome.Failure;
import dev.gleaner.crawl.FetchOutcome.Fetched;
import dev.gleaner.crawl.FetchOutcome.HttpError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the page URLs a site lists in its sitemaps: the sitemaps its robots.txt names, or {@code /sitemap.xml} when it
 * names none. XML sitemaps and sitemap indexes, RSS and Atom feeds and plain-text sitemaps are parsed by crawler-commons'
 * {@link SiteMapParser} (lenient about where listed URLs live, document type declarations refused); indexes are
 * followed depth first, in their order, up to {@link SitemapLimits#maxIndexDepth()} levels and
 * {@link SitemapLimits#maxSitemapFiles()} files, and reading stops at {@link SitemapLimits#maxUrls()} URLs. Each file is
 * fetched through the {@link Fetcher} (address guard, deadline and body cap apply). A gzip-compressed file is inflated
 * here, under {@link SitemapLimits#maxDecompressedBytes()}, rather than by the parser, which inflates without a cap.
 *
 * <p>A sitemap on another site is ignored: its host must be the site's host (any port) or share the site's registrable
 * domain (public suffix list). The URLs a sitemap lists are returned as written, not normalized or scoped; the caller
 * decides which to crawl. Failures are problems in the result, never exceptions. Thread-safe: each call keeps its own
 * state.
 */
public final class SitemapReader {

    private final Fetcher fetcher;
    private final SitemapLimits limits;

    public SitemapReader(Fetcher fetcher, SitemapLimits limits) {
        this.fetcher = fetcher;
        this.limits = limits;
    }

    /**
     * Reads the sitemaps of {@code site} (any URL of it; only its scheme, host and port are used).
     *
     * @param fromRobots the {@code Sitemap:} URLs of the site's robots.txt, possibly none
     */
    public SitemapDiscovery discover(URI site, List<String> fromRobots) {
        return discover(site, fromRobots, SiteHeaders.NONE);
    }

    /**
     * Reads the sitemaps of {@code site}, each fetch carrying the headers {@code headers} gives for the sitemap's URL.
     *
     * @param fromRobots the {@code Sitemap:} URLs of the site's robots.txt, possibly none
     */
    public SitemapDiscovery discover(URI site, List<String> fromRobots, SiteHeaders headers) {
        Discovery discovery = new Discovery(site, headers);
        List<String> start = fromRobots.isEmpty() ? List.of(origin(site) + "/sitemap.xml") : fromRobots;
        for (String sitemap : start) {
            if (discovery.stopped) {
                break;
            }
            discovery.read(sitemap, 0);
        }
        return new SitemapDiscovery(
                List.copyOf(discovery.urls), discovery.sitemaps, discovery.problems, discovery.lastModified);
    }

    /** The state of one discovery. */
    private final class Discovery {
        private final @Nullable String siteHost;
        private final @Nullable String siteDomain;
        private final Set<String> urls = new LinkedHashSet<>();
        private final Map<String, Instant> lastModified = new HashMap<>();
        private final List<String> sitemaps = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private final SiteHeaders headers;
        private int files;
        private boolean stopped;

        Discovery(URI site, SiteHeaders headers) {
            this.headers = headers;
            this.siteHost = hostOf(site);
            this.siteDomain = siteHost == null ? null : EffectiveTldFinder.getAssignedDomain(siteHost, true, false);
        }

        void read(String address, int depth) {
            Optional<URI> parsed = httpUri(address);
            if (parsed.isEmpty()) {
                problems.add("The sitemap address '" + shortened(address) + "' is not an http(s) URL; it was ignored.");
                return;
            }
            URI sitemap = parsed.get();
            if (!seen.add(sitemap.toString())) {
                return;
            }
            if (!sameSite(sitemap)) {
                problems.add("The sitemap " + sitemap + " is on another site than " + siteHost + "; it was ignored.");
                return;
            }
            if (files >= limits.maxSitemapFiles()) {
                problems.add("Stopped after reading " + files + " sitemap files, the limit; " + sitemap
                        + " and any later sitemaps were not read.");
                stopped = true;
                return;
            }
            files++;
            fetched(sitemap).flatMap(content -> parsed(sitemap, content)).ifPresent(map -> {
                sitemaps.add(sitemap.toString());
                if (map instanceof SiteMapIndex index) {
                    follow(sitemap, index, depth);
                } else if (map instanceof SiteMap pages) {
                    collect(pages);
                }
            });
        }

        private void follow(URI sitemap, SiteMapIndex index, int depth) {
            if (depth + 1 > limits.maxIndexDepth()) {
                problems.add("The sitemap index " + sitemap + " is nested deeper than " + limits.maxIndexDepth()
                        + " levels of indexes; the sitemaps it lists were not read.");
                return;
            }
            for (AbstractSiteMap listed : index.getSitemaps()) {
                if (stopped) {
                    return;
                }
                read(listed.getUrl().toString(), depth + 1);
            }
        }

        private void collect(SiteMap pages) {
            for (SiteMapURL listed : pages.getSiteMapUrls()) {
                String url = listed.getUrl().toString();
                if (urls.contains(url)) {
                    continue;
                }
                if (urls.size() >= limits.maxUrls()) {
                    problems.add("Stopped at " + limits.maxUrls()
                            + " URLs, the limit; the sitemaps list more that were not read.");
                    stopped = true;
                    return;
                }
                urls.add(url);
                java.util.Date lastmod = listed.getLastModified();
                if (lastmod != null) {
                    lastModified.put(url, lastmod.toInstant());
                }
            }
        }

        private Optional<Content> fetched(URI sitemap) {
            FetchOutcome outcome = fetcher.fetch(sitemap, headers);
            return switch (outcome) {
                case Fetched fetched -> inflated(sitemap, fetched);
                case HttpError error -> {
                    problems.add("The sitemap " + sitemap + " could not be fetched: it answered HTTP " + error.status()
                            + ".");
                    yield Optional.empty();
                }
                case Failure failure -> {
                    problems.add("The sitemap " + sitemap + " could not be fetched: " + failure.reason());
                    yield Optional.empty();
                }
                case FetchOutcome.NotModified notModified -> {
                    // Sitemaps are fetched unconditionally: a 304 here carries no list to read.
                    problems.add("The sitemap " + sitemap + " answered 304 to a request that was not conditional.");
                    yield Optional.empty();
                }
            };
        }

        private Optional<Content> inflated(URI sitemap, Fetched fetched) {
            byte[] body = fetched.body();
            if (!BodyReader.startsWithGzipMagic(body)) {
                return Optional.of(
                        new Content(MediaType.parse(fetched.contentType()).essence(), body));
            }
            try {
                BodyReader.Read read =
                        BodyReader.read(new ByteArrayInputStream(body), "gzip", limits.maxDecompressedBytes());
                return switch (read) {
                    case BodyReader.Read.Complete complete -> Optional.of(new Content("", complete.bytes()));
                    case BodyReader.Read.TooLarge tooLarge -> {
                        problems.add("The sitemap " + sitemap + " inflates to more than "
                                + limits.maxDecompressedBytes() + " bytes, the limit; it was not read.");
                        yield Optional.empty();
                    }
                    case BodyReader.Read.Undecodable undecodable -> corrupt(sitemap);
                };
            } catch (IOException e) {
                return corrupt(sitemap);
            }
        }

        private Optional<Content> corrupt(URI sitemap) {
            problems.add("The sitemap " + sitemap + " is not valid gzip; it was not read.");
            return Optional.empty();
        }

        private Optional<AbstractSiteMap> parsed(URI sitemap, Content content) {
            SiteMapParser parser = new SiteMapParser(false);
            parser.setAllowDocTypeDefinitions(false);
            try {
                URL url = sitemap.toURL();
                return Optional.of(
                        content.mediaType().isEmpty()
                                ? parser.parseSiteMap(content.bytes(), url)
                                : parser.parseSiteMap(content.mediaType(), content.bytes(), url));
            } catch (UnknownFormatException | IOException | RuntimeException e) {
                problems.add("The sitemap " + sitemap + " could not be parsed: " + describe(e));
                return Optional.empty();
            }
        }

        private boolean sameSite(URI sitemap) {
            String host = hostOf(sitemap);
            if (host == null || siteHost == null) {
                return false;
            }
            return host.equals(siteHost)
                    || (siteDomain != null
                            && siteDomain.equals(EffectiveTldFinder.getAssignedDomain(host, true, false)));
        }
    }

    /** A sitemap's bytes, uncompressed, with the media type the server gave (empty: detect from the bytes). */
    @SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
    private record Content(String mediaType, byte[] bytes) {}

    private static Optional<URI> httpUri(String address) {
        try {
            URI uri = new URI(address.strip());
            String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
            boolean http = scheme.equals("http") || scheme.equals("https");
            return http && hostOf(uri) != null ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static @Nullable String hostOf(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return null;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static String origin(URI site) {
        String scheme = Objects.requireNonNullElse(site.getScheme(), "http").toLowerCase(Locale.ROOT);
        return scheme + "://" + Objects.requireNonNullElse(site.getRawAuthority(), "");
    }

    private static String describe(Exception e) {
        Throwable cause = e.getCause();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String because = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
        String sentence = message + because;
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }

    private static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
