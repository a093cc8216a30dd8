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
 * @param server where the API listens and what the process may connect to
 * @param store where the data lives
 * @param crawl the crawl workers and the limits of one fetch
 * @param politeness how hard one web server is crawled
 * @param http the API's limits on its clients
 * @param uploads uploaded dataset files
 * @param events the job events streams
 * @param parsing how documents are parsed
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
                LimitsConfig.defaults(),
                EmbeddingConfig.defaults(),
                WebhooksConfig.defaults());
    }

    /** This configuration with where the API listens and what the process may connect to changed. */
    public GleanerConfig withServer(UnaryOperator<ServerConfig> change) {
        return new GleanerConfig(
                change.apply(server),
                store,
                crawl,
                politeness,
                http,
                uploads,
                events,
                parsing,
                limits,
                embedding,
                webhooks);
    }

    /** This configuration with where the data lives changed. */
    public GleanerConfig withStore(UnaryOperator<StoreConfig> change) {
        return new GleanerConfig(
                server,
                change.apply(store),
                crawl,
                politeness,
                http,
                uploads,
                events,
                parsing,
                limits,
                embedding,
                webhooks);
    }

    /** This configuration with the crawl workers and the limits of one fetch changed. */
    public GleanerConfig withCrawl(UnaryOperator<CrawlConfig> change) {
        return new GleanerConfig(
                server,
                store,
                change.apply(crawl),
                politeness,
                http,
                uploads,
                events,
                parsing,
                limits,
                embedding,
                webhooks);
    }

    /** This configuration with how hard one web server is crawled changed. */
    public GleanerConfig withPoliteness(UnaryOperator<PolitenessConfig> change) {
        return new GleanerConfig(
                server,
                store,
                crawl,
                change.apply(politeness),
                http,
                uploads,
                events,
                parsing,
                limits,
                embedding,
                webhooks);
    }

    /** This configuration with the API's limits on its clients changed. */
    public GleanerConfig withHttp(UnaryOperator<HttpConfig> change) {
        return new GleanerConfig(
                server,
                store,
                crawl,
                politeness,
                change.apply(http),
                uploads,
                events,
                parsing,
                limits,
                embedding,
                webhooks);
    }

    /** This configuration with uploaded dataset files changed. */
    public GleanerConfig withUploads(UnaryOperator<UploadConfig> change) {
        return new GleanerConfig(
                server,
                store,
                crawl,
                politeness,
                http,
                change.apply(uploads),
                events,
                parsing,
                limits,
                embedding,
                webhooks);
    }

    /** This configuration with the job events streams changed. */
    public GleanerConfig withEvents(UnaryOperator<EventsConfig> change) {
        return new GleanerConfig(
                server,
                store,
                crawl,
                politeness,
                http,
                uploads,
                change.apply(events),
                parsing,
                limits,
                embedding,
                webhooks);
    }

    /** This configuration with how documents are parsed changed. */
    public GleanerConfig withParsing(UnaryOperator<ParsingConfig> change) {
        return new GleanerConfig(
                server,
                store,
                crawl,
                politeness,
                http,
                uploads,
                events,
                change.apply(parsing),
                limits,
                embedding,
                webhooks);
    }

    /** This configuration with the abuse limits changed. */
    public GleanerConfig withLimits(UnaryOperator<LimitsConfig> change) {
        return new GleanerConfig(
                server,
                store,
                crawl,
                politeness,
                http,
                uploads,
                events,
                parsing,
                change.apply(limits),
                embedding,
                webhooks);
    }

    /** This configuration with the remote embedding model, if any changed. */
    public GleanerConfig withEmbedding(UnaryOperator<EmbeddingConfig> change) {
        return new GleanerConfig(
                server,
                store,
                crawl,
                politeness,
                http,
                uploads,
                events,
                parsing,
                limits,
                change.apply(embedding),
                webhooks);
    }

    /** This configuration with how webhook events are delivered changed. */
    public GleanerConfig withWebhooks(UnaryOperator<WebhooksConfig> change) {
        return new GleanerConfig(
                server,
                store,
                crawl,
                politeness,
                http,
                uploads,
                events,
                parsing,
                limits,
                embedding,
                change.apply(webhooks));
    }
}
