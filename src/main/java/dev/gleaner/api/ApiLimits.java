package dev.gleaner.api;

import dev.gleaner.catalog.Datasets;
import dev.gleaner.catalog.NewKnowledgebase;
import dev.gleaner.index.Retriever;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobService;

/**
 * Every limit the API puts on its input, with its default in {@link #DEFAULTS}. Anything over a limit is refused at the
 * edge, before a service is called.
 *
 * @param maxBodyBytes largest accepted request body (413 above it)
 * @param maxBatchUrls most entries of a batch {@code urls} list
 * @param maxUrlLength longest accepted URL (seed, batch entry, webhook)
 * @param maxCrawlLimit largest {@code limit} (pages admitted) of a crawl request
 * @param maxCrawlDepth largest {@code maxDepth} of a crawl request
 * @param maxRegexCount most entries of {@code includePaths} and of {@code excludePaths}, each
 * @param maxRegexLength longest regex in {@code includePaths}/{@code excludePaths}
 * @param maxQueryLength longest query text {@code q}
 * @param maxTopK largest {@code topK} of a query
 * @param defaultTopK {@code topK} when none is given
 * @param defaultScoreThreshold {@code scoreThreshold} when none is given (always within [0, 1])
 * @param defaultDatasetPage datasets listed when no {@code limit} is given
 * @param maxDatasetPage largest {@code limit} of a dataset listing
 * @param maxDatasetOffset largest {@code offset} of a dataset listing
 * @param maxNameLength longest project, knowledgebase or embedding model name
 * @param maxIdLength longest path id; a longer one cannot exist and is answered 404
 * @param maxWebhookHeaders most headers of a webhook
 * @param defaultEmbeddingModel the embedding model of a knowledgebase created without one
 */
public record ApiLimits(
        long maxBodyBytes,
        int maxBatchUrls,
        int maxUrlLength,
        int maxCrawlLimit,
        int maxCrawlDepth,
        int maxRegexCount,
        int maxRegexLength,
        int maxQueryLength,
        int maxTopK,
        int defaultTopK,
        double defaultScoreThreshold,
        int defaultDatasetPage,
        int maxDatasetPage,
        int maxDatasetOffset,
        int maxNameLength,
        int maxIdLength,
        int maxWebhookHeaders,
        String defaultEmbeddingModel) {

    public static final int MAX_CURSOR_LENGTH = 64;
    /** Longest {@code keyword} of a dataset listing (a title, file name or URL fragment). */
    public static final int MAX_DATASET_KEYWORD_LENGTH = 500;

    /**
     * The limits of a deployment: its configured request-body cap and default embedding model (their defaults are the
     * configuration's), with the fixed limits of the API.
     */
    public static ApiLimits of(long maxBodyBytes, String defaultEmbeddingModel) {
        return new ApiLimits(
                maxBodyBytes,
                10_000,
                2_048,
                CrawlSpec.MAX_LIMIT,
                100,
                50,
                500,
                2_000,
                50,
                5,
                Retriever.DEFAULT_THRESHOLD,
                Datasets.DEFAULT_PAGE,
                Datasets.MAX_PAGE,
                10_000_000,
                200,
                128,
                20,
                defaultEmbeddingModel);
    }

    public ApiLimits {
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
        if (defaultTopK < 1 || defaultTopK > maxTopK) {
            throw new IllegalArgumentException("defaultTopK must be between 1 and maxTopK");
        }
        if (!(defaultScoreThreshold >= 0.0 && defaultScoreThreshold <= 1.0)) {
            throw new IllegalArgumentException("defaultScoreThreshold must be within [0, 1]");
        }
        if (defaultDatasetPage < 1 || defaultDatasetPage > maxDatasetPage) {
            throw new IllegalArgumentException("defaultDatasetPage must be between 1 and maxDatasetPage");
        }
        if (maxCrawlLimit < 1 || maxCrawlDepth < 0 || maxBatchUrls < 1 || maxNameLength < 1 || maxIdLength < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The chunk size bounds are the catalog's own; exposed here so every input bound is found in one place. */
    public int minChunkSize() {
        return NewKnowledgebase.MIN_CHUNK_SIZE;
    }

    public int maxChunkSize() {
        return NewKnowledgebase.MAX_CHUNK_SIZE;
    }

    /** URLs of a job's pages listing when no {@code limit} is given (the job service's own bound). */
    public int defaultJobPages() {
        return JobService.DEFAULT_PAGES_LIMIT;
    }

    /** The largest {@code limit} of a job's pages listing (the job service's own bound). */
    public int maxJobPages() {
        return JobService.MAX_PAGES_LIMIT;
    }

    /** The longest {@code cursor} of a job's pages listing; the store's cursors are far shorter. */
    public int maxCursorLength() {
        return MAX_CURSOR_LENGTH;
    }
}
