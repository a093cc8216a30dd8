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
import dev.gleaner.config.Role;
import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.events.EventSettings;
import dev.gleaner.events.JobFeed;
import dev.gleaner.index.IndexFollower;
import dev.gleaner.index.Retriever;
import dev.gleaner.ingest.Chunker;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.EmbeddingModels;
import dev.gleaner.jobs.JobService;
import dev.gleaner.jobs.RemovalSweep;
import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.limits.AuthFailures;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.limits.RequestRate;
import dev.gleaner.metrics.PrometheusMetrics;
import dev.gleaner.sources.SourceScheduler;
import dev.gleaner.sources.Sources;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlCatalogStore;
import dev.gleaner.store.SqlEventTokenStore;
import dev.gleaner.store.SqlKeyStore;
import dev.gleaner.store.SqlSourceStore;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Gleaner process: store, search index, crawl workers and API, wired together. The only place objects are
 * constructed and connected. On start the index is rebuilt from the store when it is out of sync with it. Its role
 * ({@code --role}) decides which parts run: the workers, the API, or both.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final OpenedParts parts;
    private final DeveloperKeys keys;
    private final int port;
    private final DeveloperKeys.@Nullable IssuedKey issuedKey;
    private final Catalog catalog;
    private final CrawlParts crawl;

    private Application(
            OpenedParts parts,
            DeveloperKeys keys,
            int port,
            DeveloperKeys.@Nullable IssuedKey issuedKey,
            Catalog catalog,
            CrawlParts crawl) {
        this.parts = parts;
        this.keys = keys;
        this.port = port;
        this.issuedKey = issuedKey;
        this.catalog = catalog;
        this.crawl = crawl;
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
        // A worker keeps no index: what it stores reaches the API processes' indexes through the store's change feed.
        Storage storage =
                Storage.open(config, clock, parts, config.server().role().servesApi());
        Database database = storage.database();
        PrometheusMetrics metrics = new PrometheusMetrics();
        parts.opened("metrics", metrics::close);
        List<Embedder> metered = embedders.stream().map(metrics::embedder).toList();
        EmbeddingModels models = new EmbeddingModels(metered);
        AbuseLimits limits = FeatureSettings.limits(config.limits());
        DailyQuotas quotas = new DailyQuotas(new SqlUsageStore(database), limits, clock);
        AddressGuard guard = new AddressGuard(config.server().allowPrivateNetwork(), resolver);
        CrawlParts crawl = CrawlParts.wire(
                config, storage, models, metrics, quotas, guard, limits.unfinishedJobsPerOwner(), clock);
        EventSettings eventSettings = FeatureSettings.events(config.events());
        JobFeed feed = new JobFeed(crawl.jobStore(), clock, eventSettings.pollInterval(), eventSettings.commitSlack());
        UploadIngestor uploads = new UploadIngestor(
                crawl.reader(),
                new Chunker(),
                models,
                storage.index(),
                storage.datasets(),
                clock,
                FeatureSettings.uploads(config.uploads(), config.crawl()));
        WebhookSecrets webhookSecrets = new WebhookSecrets(
                new SqlWebhookSecretStore(database), clock, config.webhooks().secret());
        WebhookDispatcher webhooks = webhookDispatcher(
                config, database, guard, webhookSecrets, crawl.settings().workerId(), clock);
        DeveloperKeys keys = new DeveloperKeys(new SqlKeyStore(database), clock);
        Catalog catalog = new Catalog(new SqlCatalogStore(database), storage.index(), models.names(), "lucene", clock);
        SqlSourceStore sourceStore = new SqlSourceStore(database);
        Sources sources =
                new Sources(sourceStore, crawl.jobs(), clock, crawl.settings().workerId());
        SourceScheduler scheduler = new SourceScheduler(
                sourceStore,
                sources,
                crawl.jobs(),
                catalog,
                clock,
                crawl.settings().workerId());
        Map<String, Embedder> byName = new LinkedHashMap<>();
        metered.forEach(e -> byName.put(e.modelName(), e));
        ApiServices services = new ApiServices(
                keys,
                catalog,
                new Datasets(storage.datasets(), storage.index()),
                crawl.jobs(),
                new Retriever(storage.index(), storage.datasets(), byName, metrics.queries()),
                uploads,
                new WebhookDeliveries(new SqlWebhookOutbox(database)),
                metrics,
                new EventServices(
                        feed,
                        new EventTokens(new SqlEventTokenStore(database), clock, eventSettings.tokenLifetime()),
                        eventSettings,
                        clock),
                guard,
                abuseServices(limits, quotas, clock),
                webhookSecrets,
                models,
                storage.follower(),
                sources);
        List<Heartbeat> heartbeats = new ArrayList<>(crawl.workers().heartbeats());
        heartbeats.addAll(List.of(feed.heartbeat(), webhooks.heartbeat(), uploads.heartbeat()));
        if (config.server().role().runsWorkers()) {
            heartbeats.add(scheduler.heartbeat());
        }
        heartbeats.addAll(storage.heartbeats());
        ApiServer api = new ApiServer(
                services,
                ApiLimits.of(config.http().maxRequestBytes(), models.defaultName()),
                FeatureSettings.httpTimeouts(config.http()),
                heartbeats,
                FeatureSettings.processRole(config.server().role()));
        metrics.gauges()
                .workload(new SqlWorkload(database))
                .index(storage.index())
                .workers(crawl.workers())
                .parsers(crawl.parsers())
                .eventStreams(api::openEventStreams)
                .health(heartbeats);
        IndexFollower follower = storage.follower();
        if (follower != null) {
            metrics.gauges().indexFeed(follower);
        }
        // Closed in the reverse order: the API first (no new requests), then what requests and workers use.
        parts.opened("webhook dispatcher", webhooks::close);
        parts.opened("parser processes", crawl.parsers()::close);
        parts.opened("headless browser", crawl.renderer()::close);
        parts.opened("crawl workers", crawl.workers()::close);
        parts.opened("removal sweep", crawl.removalSweep()::close);
        parts.opened("source scheduler", scheduler::close);
        parts.opened("upload workers", uploads::close);
        parts.opened("job feed", feed::close);
        parts.opened("API server", api::close);
        int port = api.start(config.server().host(), config.server().port());
        Role role = config.server().role();
        if (follower != null) {
            follower.start();
        }
        // An api process leaves its jobs, uploads and webhook events in the database, to the worker processes.
        if (role.runsWorkers()) {
            crawl.workers().start();
            crawl.removalSweep().start();
            scheduler.start();
            uploads.start();
            webhooks.start();
        }
        if (role.servesApi()) {
            feed.start();
        }
        // Issued last: only a start that got this far serves, and shows it. A worker has no API to use a key with.
        DeveloperKeys.IssuedKey issuedKey = !role.servesApi() || keys.anyExist() ? null : keys.create("default", null);
        return new Application(parts, keys, port, issuedKey, catalog, crawl);
    }

    private static AbuseServices abuseServices(AbuseLimits limits, DailyQuotas quotas, Clock clock) {
        return new AbuseServices(
                limits,
                new RequestRate(limits.requestsPerSecond(), limits.requestBurst(), clock),
                new AuthFailures(limits.authFailures(), limits.authFailureWindow(), clock),
                quotas);
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

    /** The projects and knowledgebases, seen through their owners. */
    public Catalog catalog() {
        return catalog;
    }

    /** The job service: what starts jobs that come from elsewhere than a crawl request (a source's sync). */
    public JobService jobs() {
        return crawl.jobs();
    }

    /** The sweep deleting datasets whose removal grace period is over (it also runs by itself in a worker process). */
    public RemovalSweep removalSweep() {
        return crawl.removalSweep();
    }

    /** Stops the API, then the workers, then closes the index, the database and the data directory's lock. */
    @Override
    public void close() {
        parts.closeAll();
    }
}
