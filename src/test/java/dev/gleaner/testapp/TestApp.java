package dev.gleaner.testapp;

import dev.gleaner.cli.Application;
import dev.gleaner.config.CrawlConfig;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.LimitsConfig;
import dev.gleaner.config.PolitenessConfig;
import dev.gleaner.config.ServerConfig;
import dev.gleaner.config.StoreConfig;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.HashingEmbedder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The real application on 127.0.0.1, port 0, over SQLite and an on-disk index in {@code dataDir}, allowed to crawl
 * loopback test sites. By default it embeds with the fast deterministic {@link HashingEmbedder} under the bundled
 * model's name; pass a real embedder to exercise the model. The abuse limits are off (tests send many requests, and
 * many unauthenticated ones, from one address); tests of the limits set their own with
 * {@link GleanerConfig#withLimits}, e.g. {@code c -> c.withLimits(l -> LimitsConfig.none().withRequestRate(1, 3))}.
 */
public final class TestApp implements AutoCloseable {
    public static final String MODEL = "all-minilm-l6-v2";
    /** The secret test apps sign webhook bodies with. */
    public static final String WEBHOOK_SECRET = "test-webhook-secret-0123456789";

    private final Application app;
    private final GleanerConfig config;

    private TestApp(Application app, GleanerConfig config) {
        this.app = app;
        this.config = config;
    }

    public static GleanerConfig config(Path dataDir) {
        return GleanerConfig.defaults()
                .withServer(server -> new ServerConfig("127.0.0.1", 0, true))
                .withStore(store -> new StoreConfig(dataDir, null))
                .withCrawl(crawl -> new CrawlConfig(
                        8,
                        Duration.ofMinutes(5),
                        crawl.maxAttempts(),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(10),
                        2L * 1024 * 1024,
                        "GleanerTest/1"))
                .withPoliteness(politeness -> new PolitenessConfig(2, Duration.ZERO))
                .withWebhooks(webhooks -> webhooks.withSecret(WEBHOOK_SECRET))
                .withLimits(limits -> LimitsConfig.none());
    }

    public static TestApp start(Path dataDir) {
        return start(config(dataDir), new HashingEmbedder(MODEL, 384));
    }

    public static TestApp start(Path dataDir, UnaryOperator<GleanerConfig> tweak) {
        return start(tweak.apply(config(dataDir)), new HashingEmbedder(MODEL, 384));
    }

    public static TestApp start(GleanerConfig config, Embedder embedder) {
        return start(config, List.of(embedder));
    }

    /** The application on {@code clock} (e.g. a {@link MutableClock}), with the fast deterministic embedder. */
    public static TestApp start(GleanerConfig config, java.time.Clock clock) {
        return new TestApp(Application.start(config, List.of(new HashingEmbedder(MODEL, 384)), clock), config);
    }

    /** The application offering {@code embedders}, the first one the default model. */
    public static TestApp start(GleanerConfig config, List<Embedder> embedders) {
        return new TestApp(Application.start(config, embedders), config);
    }

    /** The application looking outbound host names up with {@code resolver} instead of the system's DNS. */
    public static TestApp start(GleanerConfig config, dev.gleaner.crawl.AddressGuard.Resolver resolver) {
        return new TestApp(Application.start(config, List.of(new HashingEmbedder(MODEL, 384)), resolver), config);
    }

    public int port() {
        return app.port();
    }

    public GleanerConfig config() {
        return config;
    }

    /** A client authenticated with a key of a new owner. */
    public TestApi newOwner() {
        return new TestApi(port(), app.keys().create("test", null).secret());
    }

    /** A client authenticated with a new key of {@code ownerId}, an owner created with that id if it has no key yet. */
    public TestApi clientOf(String ownerId) {
        boolean exists = !app.keys().list(ownerId).isEmpty();
        return new TestApi(
                port(),
                (exists ? app.keys().create("test", ownerId) : app.keys().createForNewOwner("test", ownerId)).secret());
    }

    /** The application's key service, for tests that manage keys directly. */
    public dev.gleaner.auth.DeveloperKeys keys() {
        return app.keys();
    }

    /**
     * Starts a sync of {@code kb}: a job running {@code spec} on behalf of the source {@code sourceId}, through the
     * application's job service as a source does (batch mode imports {@code urls}); returns the job id.
     */
    public String startSync(Kb kb, dev.gleaner.jobs.CrawlSpec spec, String sourceId, List<String> urls) {
        String owner = app.keys().ownerOf(kb.api().key()).orElseThrow();
        dev.gleaner.catalog.Knowledgebase knowledgebase = app.catalog().knowledgebase(owner, kb.projectId(), kb.id());
        return app.jobs()
                .start(owner, knowledgebase, spec.withSourceId(sourceId), urls)
                .job()
                .id();
    }

    /** Starts a sync crawling {@code spec}'s seed (see {@link #startSync(Kb, dev.gleaner.jobs.CrawlSpec, String, List)}). */
    public String startSync(Kb kb, dev.gleaner.jobs.CrawlSpec spec, String sourceId) {
        return startSync(kb, spec, sourceId, List.of());
    }

    /** Runs the removal sweep once now (a worker process runs it every minute by itself); returns how many it deleted. */
    public long sweepRemovals() {
        return app.removalSweep().sweep();
    }

    /** A client that sends no key, or the given raw Authorization value. */
    public TestApi anonymous() {
        return new TestApi(port(), null);
    }

    @Override
    public void close() {
        app.close();
    }
}
