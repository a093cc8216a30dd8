package dev.gleaner.testapp;

import dev.gleaner.api.HttpTimeouts;
import dev.gleaner.cli.Application;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.crawl.FetchLimits;
import dev.gleaner.events.EventSettings;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.ingest.ParserSettings;
import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.webhooks.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The real application on 127.0.0.1, port 0, over SQLite and an on-disk index in {@code dataDir}, allowed to crawl
 * loopback test sites. By default it embeds with the fast deterministic {@link HashingEmbedder} under the bundled
 * model's name; pass a real embedder to exercise the model. The abuse limits are off (tests send many requests, and
 * many unauthenticated ones, from one address); tests of the limits set their own with
 * {@link GleanerConfig#withLimits}.
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
        return new GleanerConfig(
                "127.0.0.1",
                0,
                dataDir,
                null,
                true,
                8,
                2,
                Duration.ofMinutes(5),
                3,
                Duration.ofMillis(100),
                Duration.ZERO,
                1024 * 1024,
                new FetchLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 2L * 1024 * 1024, 5, "GleanerTest/1"),
                GleanerConfig.DEFAULT_MAX_UPLOAD_BYTES,
                GleanerConfig.DEFAULT_UPLOAD_MAX_ATTEMPTS,
                GleanerConfig.DEFAULT_UPLOAD_RETRY_BACKOFF,
                EventSettings.DEFAULTS,
                WebhookSettings.DEFAULTS.withSecret(WEBHOOK_SECRET),
                ParserSettings.DEFAULTS,
                AbuseLimits.NONE,
                HttpTimeouts.DEFAULTS);
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

    /** A client that sends no key, or the given raw Authorization value. */
    public TestApi anonymous() {
        return new TestApi(port(), null);
    }

    @Override
    public void close() {
        app.close();
    }
}
