package dev.gleaner.cli;

import dev.gleaner.config.GleanerConfig;
import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.crawl.Fetcher;
import dev.gleaner.crawl.HttpFetcher;
import dev.gleaner.crawl.RobotsLimits;
import dev.gleaner.crawl.RobotsPolicy;
import dev.gleaner.crawl.SitemapLimits;
import dev.gleaner.crawl.SitemapReader;
import dev.gleaner.crawl.TrapGuard;
import dev.gleaner.crawl.UrlNormalizer;
import dev.gleaner.ingest.Chunker;
import dev.gleaner.ingest.EmbeddingModels;
import dev.gleaner.ingest.HtmlExtractor;
import dev.gleaner.ingest.ParserProcessPool;
import dev.gleaner.ingest.PlainTextExtractor;
import dev.gleaner.jobs.Frontier;
import dev.gleaner.jobs.JobService;
import dev.gleaner.jobs.RemovalSweep;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.metrics.PrometheusMetrics;
import dev.gleaner.pipeline.CrawlWorkers;
import dev.gleaner.pipeline.LinkScoper;
import dev.gleaner.pipeline.PageProcessor;
import dev.gleaner.pipeline.PageReader;
import dev.gleaner.pipeline.SitemapSeeder;
import dev.gleaner.pipeline.StaleChunkCleanup;
import dev.gleaner.pipeline.WorkerSettings;
import dev.gleaner.render.ChromiumRenderer;
import dev.gleaner.store.SqlFrontier;
import dev.gleaner.store.SqlJobStore;
import dev.gleaner.store.SqlMarkedDatasets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The crawl side of a process: the job service that admits crawls, and the workers that take their URLs from the
 * frontier through fetch, read, chunk and embed to the store and the index. Nothing here runs until
 * {@link CrawlWorkers#start()}.
 */
record CrawlParts(
        JobService jobs,
        SqlJobStore jobStore,
        CrawlWorkers workers,
        ParserProcessPool parsers,
        PageReader reader,
        WorkerSettings settings,
        RemovalSweep removalSweep,
        ChromiumRenderer renderer) {
    /** The delay before the first retry of a transient failure (doubled on each further attempt). */
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    /** The longest Retry-After honoured; a server asking for more is retried after this. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
    /** The product token robots.txt rules are matched against (RFC 9309); the User-Agent starts with it. */
    private static final String ROBOTS_TOKEN = "GleanerBot";

    static CrawlParts wire(
            GleanerConfig config,
            Storage storage,
            EmbeddingModels models,
            PrometheusMetrics metrics,
            DailyQuotas quotas,
            AddressGuard guard,
            int unfinishedJobsPerOwner,
            Clock clock) {
        WorkerSettings settings = settings(config);
        UrlNormalizer normalizer = new UrlNormalizer();
        Fetcher fetcher = metrics.fetcher(new HttpFetcher(FeatureSettings.fetchLimits(config.crawl()), guard));
        RobotsPolicy robots = new RobotsPolicy(fetcher, ROBOTS_TOKEN, clock, RobotsLimits.DEFAULTS);
        Frontier frontier = metrics.frontier(
                new SqlFrontier(storage.database(), config.crawl().removalGrace()));
        LinkScoper links = new LinkScoper(normalizer, new TrapGuard(clock), robots);
        ParserProcessPool parsers = new ParserProcessPool(FeatureSettings.parsing(config.parsing()));
        PageReader reader = new PageReader(new HtmlExtractor(), new PlainTextExtractor(), parsers);
        ChromiumRenderer renderer = new ChromiumRenderer(
                FeatureSettings.render(config.render(), config.politeness()), fetcher, robots, clock);
        PageProcessor processor = new PageProcessor(
                new PageProcessor.Parts(
                        fetcher,
                        reader,
                        links,
                        new Chunker(),
                        models,
                        storage.index(),
                        storage.datasets(),
                        frontier,
                        robots,
                        metrics.renderer(renderer)),
                quotas,
                clock,
                settings);
        SitemapSeeder seeder = new SitemapSeeder(
                robots, new SitemapReader(fetcher, SitemapLimits.DEFAULTS), links, frontier, storage.datasets(), clock);
        CrawlWorkers workers = new CrawlWorkers(
                frontier,
                processor,
                seeder,
                new StaleChunkCleanup(storage.datasets(), storage.index()),
                settings,
                clock);
        SqlJobStore jobStore = new SqlJobStore(storage.database());
        JobService jobs = new JobService(jobStore, normalizer, clock, workers::wake, quotas, unfinishedJobsPerOwner);
        RemovalSweep sweep = new RemovalSweep(
                new SqlMarkedDatasets(storage.database()), config.crawl().removalGrace(), clock);
        return new CrawlParts(jobs, jobStore, workers, parsers, reader, settings, sweep, renderer);
    }

    private static WorkerSettings settings(GleanerConfig config) {
        return new WorkerSettings(
                "worker_" + UUID.randomUUID(),
                config.crawl().workers(),
                config.politeness().perHostConcurrency(),
                config.crawl().lease(),
                config.crawl().maxAttempts(),
                config.crawl().pollInterval(),
                RETRY_BACKOFF,
                MAX_RETRY_AFTER,
                config.politeness().crawlDelay());
    }
}
