package dev.gleaner.cli;

import dev.gleaner.Heartbeat;
import dev.gleaner.api.AbuseServices;
import dev.gleaner.api.ApiLimits;
import dev.gleaner.api.ApiServer;
import dev.gleaner.api.ApiServices;
import dev.gleaner.api.EventServices;
import dev.gleaner.auth.DeveloperKeys;
import dev.gleaner.auth.EventTokens;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Datasets;
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
import dev.gleaner.events.EventSettings;
import dev.gleaner.events.JobFeed;
import dev.gleaner.index.Retriever;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.ingest.Chunker;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingModels;
import dev.gleaner.ingest.HtmlExtractor;
import dev.gleaner.ingest.ParserProcessPool;
import dev.gleaner.ingest.PlainTextExtractor;
import dev.gleaner.jobs.Frontier;
import dev.gleaner.jobs.JobService;
import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.limits.AuthFailures;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.limits.RequestRate;
import dev.gleaner.metrics.PrometheusMetrics;
import dev.gleaner.pipeline.CrawlWorkers;
import dev.gleaner.pipeline.LinkScoper;
import dev.gleaner.pipeline.PageProcessor;
import dev.gleaner.pipeline.PageReader;
import dev.gleaner.pipeline.SitemapSeeder;
import dev.gleaner.pipeline.StaleChunkCleanup;
import dev.gleaner.pipeline.WorkerSettings;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlCatalogStore;
import dev.gleaner.store.SqlDatasetStore;
import dev.gleaner.store.SqlEventTokenStore;
import dev.gleaner.store.SqlFrontier;
import dev.gleaner.store.SqlJobStore;
import dev.gleaner.store.SqlKeyStore;
import dev.gleaner.store.SqlUsageStore;
import dev.gleaner.store.SqlWebhookOutbox;
import dev.gleaner.store.SqlWebhookSecretStore;
import dev.gleaner.store.SqlWorkload;
import dev.gleaner.uploads.UploadIngestor;
import dev.gleaner.webhooks.HttpWebhookSender;
import dev.gleaner.webhooks.WebhookDeliveries;
import dev.gleaner.webhooks.WebhookDispatcher;
import dev.gleaner.webhooks.WebhookSecrets;
import dev.gleaner.webhooks.WebhookSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Gleaner process: store, search index, crawl workers and API, wired together. The only place objects are
 * constructed and connected. On start the index is rebuilt from the store when it is out of sync with it.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    /** How often the search index is committed to disk (it is rebuilt from the store if a crash loses changes). */
    private static final Duration INDEX_COMMIT_INTERVAL = Duration.ofSeconds(5);
    /** The delay before the first retry of a transient failure (doubled on each further attempt). */
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    /** The longest Retry-After honoured; a server asking for more is retried after this. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
    /** The product token robots.txt rules are matched against (RFC 9309); the User-Agent starts with it. */
    private static final String ROBOTS_TOKEN = "GleanerBot";

    private final OpenedParts parts;
    private final DeveloperKeys keys;
    private final int port;
    private final DeveloperKeys.@Nullable IssuedKey issuedKey;

    private Application(OpenedParts parts, DeveloperKeys keys, int port, DeveloperKeys.@Nullable IssuedKey issuedKey) {
        this.parts = parts;
        this.keys = keys;
        this.port = port;
        this.issuedKey = issuedKey;
    }

    /** Starts everything; the first embedder is the default model of new knowledgebases. */
    public static Application start(GleanerConfig config, List<Embedder> embedders) {
        return start(config, embedders, Clock.systemUTC(), InetAddress::getAllByName);
    }

    /**
     * Starts everything, looking host names of outbound requests (crawls, webhooks) up with {@code resolver}; the
     * system's DNS in production, a table in tests that must judge names without sending traffic to them.
     */
    public static Application start(GleanerConfig config, List<Embedder> embedders, AddressGuard.Resolver resolver) {
        return start(config, embedders, Clock.systemUTC(), resolver);
    }

    /** Starts everything on {@code clock}, with the system's DNS. */
    public static Application start(GleanerConfig config, List<Embedder> embedders, Clock clock) {
        return start(config, embedders, clock, InetAddress::getAllByName);
    }

    /**
     * Starts everything on {@code clock}, looking outbound host names up with {@code resolver}. A deployment without
     * any key gets its first one only once the API listens and the workers run, so a start that fails (e.g. its port
     * is taken) issues none and the next start still does.
     */
    public static Application start(
            GleanerConfig config, List<Embedder> embedders, Clock clock, AddressGuard.Resolver resolver) {
        OpenedParts parts = new OpenedParts();
        try {
            return open(config, embedders, clock, resolver, parts);
        } catch (RuntimeException | Error e) {
            // Whatever failed, nothing this start opened may outlive it: a retry in this process must find the data
            // directory, the index's lock and the port free.
            parts.closeAfter(e);
            if (e instanceof Error error) {
                throw error;
            }
            throw new StartException(
                    StartFailure.of(
                            e,
                            config.store().dataDir(),
                            config.server().host(),
                            config.server().port()),
                    e);
        }
    }

    /** Opens and starts every part, recording each in {@code parts} as soon as it holds something to release. */
    private static Application open(
            GleanerConfig config,
            List<Embedder> embedders,
            Clock clock,
            AddressGuard.Resolver resolver,
            OpenedParts parts) {
        Path dataDir = config.store().dataDir();
        DataDirectory.secure(dataDir);
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        parts.opened("data directory lock", lock::close);
        Database database = Wiring.openDatabase(dataDir, config.store().databaseUrl());
        parts.opened("database", database::close);
        SqlDatasetStore datasetStore = new SqlDatasetStore(database);
        Path indexDir = dataDir.resolve("index");
        DataDirectory.secure(indexDir);
        LuceneIndex index = LuceneIndex.open(indexDir);
        parts.opened("search index", index::close);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("gleaner-housekeeping").daemon().unstarted(r));
        parts.opened("index committer", () -> stopHousekeeping(housekeeping));
        syncIndex(index, datasetStore);
        DataDirectory.tighten(indexDir);

        PrometheusMetrics metrics = new PrometheusMetrics();
        parts.opened("metrics", metrics::close);
        List<Embedder> metered = embedders.stream().map(metrics::embedder).toList();
        EmbeddingModels models = new EmbeddingModels(metered);
        DeveloperKeys keys = new DeveloperKeys(new SqlKeyStore(database), clock);
        AbuseLimits limits = FeatureSettings.limits(config.limits());
        DailyQuotas quotas = new DailyQuotas(new SqlUsageStore(database), limits, clock);

        UrlNormalizer normalizer = new UrlNormalizer();
        WorkerSettings settings = new WorkerSettings(
                "worker_" + UUID.randomUUID(),
                config.crawl().workers(),
                config.politeness().perHostConcurrency(),
                config.crawl().lease(),
                config.crawl().maxAttempts(),
                config.crawl().pollInterval(),
                RETRY_BACKOFF,
                MAX_RETRY_AFTER,
                config.politeness().crawlDelay());
        AddressGuard guard = new AddressGuard(config.server().allowPrivateNetwork(), resolver);
        Fetcher fetcher = metrics.fetcher(new HttpFetcher(FeatureSettings.fetchLimits(config.crawl()), guard));
        RobotsPolicy robots = new RobotsPolicy(fetcher, ROBOTS_TOKEN, clock, RobotsLimits.DEFAULTS);
        Frontier frontier = metrics.frontier(new SqlFrontier(database));
        LinkScoper links = new LinkScoper(normalizer, new TrapGuard(clock), robots);
        ParserProcessPool parsers = new ParserProcessPool(FeatureSettings.parsing(config.parsing()));
        PageReader reader = new PageReader(new HtmlExtractor(), new PlainTextExtractor(), parsers);
        PageProcessor processor = new PageProcessor(
                new PageProcessor.Parts(
                        fetcher, reader, links, new Chunker(), models, index, datasetStore, frontier, robots),
                quotas,
                clock,
                settings);
        SitemapSeeder seeder =
                new SitemapSeeder(robots, new SitemapReader(fetcher, SitemapLimits.DEFAULTS), links, frontier, clock);
        CrawlWorkers workers = new CrawlWorkers(
                frontier, processor, seeder, new StaleChunkCleanup(datasetStore, index), settings, clock);
        SqlJobStore jobStore = new SqlJobStore(database);
        JobService jobs =
                new JobService(jobStore, normalizer, clock, workers::wake, quotas, limits.unfinishedJobsPerOwner());
        EventSettings eventSettings = FeatureSettings.events(config.events());
        JobFeed feed = new JobFeed(jobStore, clock, eventSettings.pollInterval(), eventSettings.commitSlack());
        EventTokens eventTokens =
                new EventTokens(new SqlEventTokenStore(database), clock, eventSettings.tokenLifetime());

        UploadIngestor uploads = new UploadIngestor(
                reader,
                new Chunker(),
                models,
                index,
                datasetStore,
                clock,
                config.uploads().maxBytes(),
                config.uploads().maxAttempts(),
                config.uploads().retryBackoff());

        WebhookSecrets webhookSecrets = new WebhookSecrets(
                new SqlWebhookSecretStore(database), clock, config.webhooks().secret());
        WebhookDispatcher webhooks =
                webhookDispatcher(config, database, guard, webhookSecrets, settings.workerId(), clock);

        Map<String, Embedder> byName = new LinkedHashMap<>();
        metered.forEach(e -> byName.put(e.modelName(), e));
        ApiServices services = new ApiServices(
                keys,
                new Catalog(new SqlCatalogStore(database), index, models.names(), "lucene", clock),
                new Datasets(datasetStore, index),
                jobs,
                new Retriever(index, datasetStore, byName, metrics.queries()),
                uploads,
                new WebhookDeliveries(new SqlWebhookOutbox(database)),
                metrics,
                new EventServices(feed, eventTokens, eventSettings, clock),
                guard,
                new AbuseServices(
                        limits,
                        new RequestRate(limits.requestsPerSecond(), limits.requestBurst(), clock),
                        new AuthFailures(limits.authFailures(), limits.authFailureWindow(), clock),
                        quotas),
                webhookSecrets,
                models);
        Heartbeat indexCommits = Heartbeat.every("index committer", INDEX_COMMIT_INTERVAL, clock);
        List<Heartbeat> heartbeats = new ArrayList<>(workers.heartbeats());
        heartbeats.addAll(List.of(feed.heartbeat(), webhooks.heartbeat(), uploads.heartbeat(), indexCommits));
        ApiServer api = new ApiServer(
                services,
                ApiLimits.DEFAULTS.forDeployment(config.http().maxRequestBytes(), models.defaultName()),
                FeatureSettings.httpTimeouts(config.http()),
                heartbeats);
        metrics.gauges()
                .workload(new SqlWorkload(database))
                .index(index)
                .workers(workers)
                .parsers(parsers)
                .eventStreams(api::openEventStreams)
                .health(heartbeats);
        // Closed in the reverse order: the API first (no new requests), then what requests and workers use.
        parts.opened("webhook dispatcher", webhooks::close);
        parts.opened("parser processes", parsers::close);
        parts.opened("crawl workers", workers::close);
        parts.opened("upload workers", uploads::close);
        parts.opened("job feed", feed::close);
        parts.opened("API server", api::close);
        int port = api.start(config.server().host(), config.server().port());
        workers.start();
        feed.start();
        uploads.resumePending();
        webhooks.start();

        indexCommits.started();
        // Failures end up in the heartbeat (guard), not in the future.
        var unused = housekeeping.scheduleWithFixedDelay(
                indexCommits.guard(() -> {
                    commitQuietly(index, indexCommits);
                    // The index writes new files as it commits; under a lax umask they are born readable by others.
                    DataDirectory.tighten(indexDir);
                }),
                INDEX_COMMIT_INTERVAL.toMillis(),
                INDEX_COMMIT_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        // Issued last: only a start that got this far serves, and shows it.
        DeveloperKeys.IssuedKey issuedKey = keys.anyExist() ? null : keys.create("default", null);
        return new Application(parts, keys, port, issuedKey);
    }

    /**
     * The webhook dispatcher, signing each owner's events with the owner's secret (kept in the database, shared by
     * every process), or with the configured {@code --webhook-secret} for every owner when one was set.
     */
    private static WebhookDispatcher webhookDispatcher(
            GleanerConfig config,
            Database database,
            AddressGuard guard,
            WebhookSecrets secrets,
            String workerId,
            Clock clock) {
        WebhookSettings settings = FeatureSettings.webhooks(config.webhooks());
        SqlWebhookOutbox outbox = new SqlWebhookOutbox(database);
        HttpWebhookSender sender = new HttpWebhookSender(
                guard,
                settings.maxResponseBytes(),
                settings.requestTimeout(),
                config.crawl().userAgent());
        return new WebhookDispatcher(outbox, sender, settings, secrets, workerId, clock, new SplittableRandom());
    }

    public int port() {
        return port;
    }

    /** The key created on a first start with no keys, to be shown once. */
    public Optional<String> issuedKey() {
        return firstKey().map(DeveloperKeys.IssuedKey::secret);
    }

    /** The key created on a first start with no keys, with its owner. */
    public Optional<DeveloperKeys.IssuedKey> firstKey() {
        return Optional.ofNullable(issuedKey);
    }

    public DeveloperKeys keys() {
        return keys;
    }

    /** Stops the API, then the workers, then closes the index, the database and the data directory's lock. */
    @Override
    public void close() {
        parts.closeAll();
    }

    /**
     * Lets a commit in progress finish: interrupting it would close the index's file channel and invalidate its write
     * lock, and closing the index would then fail.
     */
    private static void stopHousekeeping(ScheduledExecutorService housekeeping) {
        housekeeping.shutdown();
        try {
            if (!housekeeping.awaitTermination(30, TimeUnit.SECONDS)) {
                housekeeping.shutdownNow();
            }
        } catch (InterruptedException e) {
            housekeeping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void syncIndex(LuceneIndex index, SqlDatasetStore store) {
        long stored = store.chunkCount();
        if (index.needsRebuild()) {
            LOG.info("Search index was written in an older format: rebuilding it from the store");
            index.rebuild(store::forEachEmbeddedChunk);
        } else if (index.size() != stored) {
            LOG.info("Search index holds {} chunks, the store {}: rebuilding the index", index.size(), stored);
            index.rebuild(store::forEachEmbeddedChunk);
        }
    }

    private static void commitQuietly(LuceneIndex index, Heartbeat commits) {
        try {
            index.commit();
            commits.round();
        } catch (RuntimeException e) {
            LOG.warn("Committing the search index failed; it will be rebuilt from the store if needed", e);
        }
    }
}
