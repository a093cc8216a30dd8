package dev.gleaner.crawl;

/**
 * Named limits of {@link SitemapReader}. The bytes read of each sitemap are capped by the {@link Fetcher}'s body cap;
 * these cap everything else.
 *
 * @param maxUrls the most page URLs one discovery returns (the sitemaps protocol's own cap for one file is 50,000)
 * @param maxSitemapFiles the most sitemap files (indexes included) one discovery fetches
 * @param maxIndexDepth how deep sitemap indexes may nest: 1 lets an index list sitemaps, not further indexes
 * @param maxDecompressedBytes the most bytes a gzip-compressed sitemap may inflate to (the protocol allows 50 MB)
 */
public record SitemapLimits(int maxUrls, int maxSitemapFiles, int maxIndexDepth, long maxDecompressedBytes) {
    public static final int DEFAULT_MAX_URLS = 50_000;
    public static final int DEFAULT_MAX_SITEMAP_FILES = 50;
    public static final int DEFAULT_MAX_INDEX_DEPTH = 2;
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 50L * 1024 * 1024;

    public static final SitemapLimits DEFAULTS = new SitemapLimits(
            DEFAULT_MAX_URLS, DEFAULT_MAX_SITEMAP_FILES, DEFAULT_MAX_INDEX_DEPTH, DEFAULT_MAX_DECOMPRESSED_BYTES);

    public SitemapLimits {
        if (maxUrls < 1 || maxSitemapFiles < 1 || maxIndexDepth < 0 || maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("sitemap caps must be positive (the index depth at least zero)");
        }
    }
}
