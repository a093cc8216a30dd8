package dev.gleaner.cli;

import dev.gleaner.client.ExitCodes;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.InvalidConfigurationException;
import dev.gleaner.ingest.EmbeddingThreads;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gleaner serve}: the API and the crawl workers in one process, or one of them ({@code --role}). Every option is
 * a setting of the table in {@code dev.gleaner.config} (its default, its environment variable, its limits), documented
 * in docs/configuration.md. A configuration that breaks a rule is refused before anything starts: every problem is
 * printed and the exit code is {@value ExitCodes#USAGE}.
 */
@Command(
        name = "serve",
        description = "Run the API and the crawl workers.",
        defaultValueProvider = SettingDefaults.class)
final class ServeCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    ServerOptions server;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    StoreOptions store;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    IndexOptions index;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    SecretsOptions secrets;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    CrawlOptions crawl;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    HttpOptions http;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    EventOptions events;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    ParsingOptions parsing;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    RenderOptions render;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    LimitOptions limits;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    EmbeddingOptions embedding;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    WebhookOptions webhooks;

    @Option(names = "--verbose", description = "On a failed start, print the stack trace after its one-line reason.")
    boolean verbose;

    @Override
    public Integer call() {
        GleanerConfig config;
        try {
            config = config();
        } catch (InvalidConfigurationException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("gleaner serve: invalid configuration:");
            e.problems().forEach(problem -> err.println("  " + problem));
            err.flush();
            return ExitCodes.USAGE;
        }
        Application app = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "gleaner-shutdown"));
        String program = spec.root().name();
        // A worker issues no key: it has no API to use one with (Application.firstKey is empty there).
        app.firstKey().ifPresent(key -> {
            System.out.println("Your developer key (shown only once; owner " + key.ownerId() + "):");
            System.out.println("  " + key.secret());
            System.out.println("It authenticates the API, the web UI and the client commands (as GLEANER_KEY); more"
                    + " keys for the same owner: " + program + " keys create --owner " + key.ownerId());
        });
        System.out.println("Gleaner listening on http://" + config.server().host() + ":" + app.port() + " (data: "
                + config.store().dataDir().toAbsolutePath().normalize() + ")");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Starts the application; any failure becomes a {@link StartException}, reported by {@link Main} in one line. */
    private Application start(GleanerConfig config) {
        try {
            // Daemon threads, shared by the in-process models for the life of the process.
            ExecutorService embeddingThreads = EmbeddingThreads.sizedToProcessors();
            return Application.start(config, EmbeddingOptions.embedders(config.embedding(), embeddingThreads));
        } catch (StartException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StartException(
                    StartFailure.of(
                            e,
                            config.store().dataDir(),
                            config.server().host(),
                            config.server().port()),
                    e);
        }
    }

    /** The configuration the options describe, every rule checked. */
    GleanerConfig config() {
        // A value that cannot even be read (an unknown role) is listed first, with every rule the configuration breaks.
        List<String> unreadable = server.unreadable();
        GleanerConfig config;
        try {
            config = checked();
        } catch (InvalidConfigurationException e) {
            throw e.withFirst(unreadable);
        }
        if (!unreadable.isEmpty()) {
            throw new InvalidConfigurationException(unreadable);
        }
        return config;
    }

    private GleanerConfig checked() {
        return new GleanerConfig(
                server.config(),
                secrets.applyTo(index.applyTo(store.config())),
                crawl.crawl(),
                crawl.politeness(),
                http.http(),
                http.uploads(),
                events.config(),
                parsing.config(),
                render.config(),
                limits.config(),
                embedding.config(),
                webhooks.config());
    }
}
