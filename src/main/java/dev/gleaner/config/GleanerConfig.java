package dev.gleaner.config;

import java.util.function.UnaryOperator;

/**
 * Everything a Gleaner process is configured with, as one small record per group of settings. Every setting, its
 * flag, its environment variable, its default and its limits are in one table ({@link Settings}), from which
 * {@code docs/configuration.md} is generated.
 *
 * <p>A configuration is checked as a whole when it is built: every rule broken, in every group, is listed in one
 * {@link InvalidConfigurationException}, each naming the flag and the value given. Copies with another group are
 * made with the {@code with…} methods, e.g. {@code config.withCrawl(c -> c.withWorkers(4))}.
 *
 * @param server where the API listens, what the process may connect to and what it runs
 * @param store where the data lives
 * @param crawl the crawl workers and the limits of one fetch
 * @param politeness how hard one web server is crawled
 * @param http the API's limits on its clients
 * @param uploads uploaded dataset files
 * @param events the job events streams
 * @param parsing how documents are parsed
 * @param render how pages that need JavaScript are rendered
 * @param limits the abuse limits
 * @param embedding the remote embedding model, if any
 * @param webhooks how webhook events are delivered
 */
public record GleanerConfig(
        ServerConfig server,
        StoreConfig store,
        CrawlConfig crawl,
        PolitenessConfig politeness,
        HttpConfig http,
        UploadConfig uploads,
        EventsConfig events,
        ParsingConfig parsing,
        RenderConfig render,
        LimitsConfig limits,
        EmbeddingConfig embedding,
        WebhooksConfig webhooks) {

    public GleanerConfig {
        Problems problems = new Problems();
        server.check(problems);
        store.check(problems);
        crawl.check(problems);
        politeness.check(problems);
        http.check(problems);
        uploads.check(problems);
        events.check(problems);
        parsing.check(problems);
        render.check(problems);
        limits.check(problems);
        embedding.check(problems);
        webhooks.check(problems);
        problems.throwIfAny();
    }

    /** Every setting at the table's default. */
    public static GleanerConfig defaults() {
        return new GleanerConfig(
                ServerConfig.defaults(),
                StoreConfig.defaults(),
                CrawlConfig.defaults(),
                PolitenessConfig.defaults(),
                HttpConfig.defaults(),
                UploadConfig.defaults(),
                EventsConfig.defaults(),
                ParsingConfig.defaults(),
                RenderConfig.defaults(),
                LimitsConfig.defaults(),
                EmbeddingConfig.defaults(),
                WebhooksConfig.defaults());
    }

    /** This configuration with where the API listens, what the process may connect to and what it runs changed. */
    public GleanerConfig withServer(UnaryOperator<ServerConfig> change) {
        Copy copy = new Copy(this);
        copy.server = change.apply(server);
        return copy.build();
    }

    /** This configuration with where the data lives changed. */
    public GleanerConfig withStore(UnaryOperator<StoreConfig> change) {
        Copy copy = new Copy(this);
        copy.store = change.apply(store);
        return copy.build();
    }

    /** This configuration with the crawl workers and the limits of one fetch changed. */
    public GleanerConfig withCrawl(UnaryOperator<CrawlConfig> change) {
        Copy copy = new Copy(this);
        copy.crawl = change.apply(crawl);
        return copy.build();
    }

    /** This configuration with how hard one web server is crawled changed. */
    public GleanerConfig withPoliteness(UnaryOperator<PolitenessConfig> change) {
        Copy copy = new Copy(this);
        copy.politeness = change.apply(politeness);
        return copy.build();
    }

    /** This configuration with the API's limits on its clients changed. */
    public GleanerConfig withHttp(UnaryOperator<HttpConfig> change) {
        Copy copy = new Copy(this);
        copy.http = change.apply(http);
        return copy.build();
    }

    /** This configuration with uploaded dataset files changed. */
    public GleanerConfig withUploads(UnaryOperator<UploadConfig> change) {
        Copy copy = new Copy(this);
        copy.uploads = change.apply(uploads);
        return copy.build();
    }

    /** This configuration with the job events streams changed. */
    public GleanerConfig withEvents(UnaryOperator<EventsConfig> change) {
        Copy copy = new Copy(this);
        copy.events = change.apply(events);
        return copy.build();
    }

    /** This configuration with how documents are parsed changed. */
    public GleanerConfig withParsing(UnaryOperator<ParsingConfig> change) {
        Copy copy = new Copy(this);
        copy.parsing = change.apply(parsing);
        return copy.build();
    }

    /** This configuration with how pages that need JavaScript are rendered changed. */
    public GleanerConfig withRender(UnaryOperator<RenderConfig> change) {
        Copy copy = new Copy(this);
        copy.render = change.apply(render);
        return copy.build();
    }

    /** This configuration with the abuse limits changed. */
    public GleanerConfig withLimits(UnaryOperator<LimitsConfig> change) {
        Copy copy = new Copy(this);
        copy.limits = change.apply(limits);
        return copy.build();
    }

    /** This configuration with the remote embedding model, if any changed. */
    public GleanerConfig withEmbedding(UnaryOperator<EmbeddingConfig> change) {
        Copy copy = new Copy(this);
        copy.embedding = change.apply(embedding);
        return copy.build();
    }

    /** This configuration with how webhook events are delivered changed. */
    public GleanerConfig withWebhooks(UnaryOperator<WebhooksConfig> change) {
        Copy copy = new Copy(this);
        copy.webhooks = change.apply(webhooks);
        return copy.build();
    }

    /** A copy of a configuration in which the {@code with…} methods replace one group before it is built again. */
    private static final class Copy {
        private ServerConfig server;
        private StoreConfig store;
        private CrawlConfig crawl;
        private PolitenessConfig politeness;
        private HttpConfig http;
        private UploadConfig uploads;
        private EventsConfig events;
        private ParsingConfig parsing;
        private RenderConfig render;
        private LimitsConfig limits;
        private EmbeddingConfig embedding;
        private WebhooksConfig webhooks;

        Copy(GleanerConfig from) {
            server = from.server;
            store = from.store;
            crawl = from.crawl;
            politeness = from.politeness;
            http = from.http;
            uploads = from.uploads;
            events = from.events;
            parsing = from.parsing;
            render = from.render;
            limits = from.limits;
            embedding = from.embedding;
            webhooks = from.webhooks;
        }

        GleanerConfig build() {
            return new GleanerConfig(
                    server,
                    store,
                    crawl,
                    politeness,
                    http,
                    uploads,
                    events,
                    parsing,
                    render,
                    limits,
                    embedding,
                    webhooks);
        }
    }
}
