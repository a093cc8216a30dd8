package dev.gleaner.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;

/**
 * The HTTP API: every route of the contract in {@code API.md} that this build implements, served by Javalin on virtual
 * threads. Routes of the contract not registered yet answer like any unknown route: 404 {@code not_found}. Job event
 * streams are ended when the server closes.
 *
 * <pre>{@code
 * try (ApiServer api = new ApiServer(services, ApiLimits.DEFAULTS)) {
 *     int port = api.start("127.0.0.1", 0); // 0: any free port
 *     …
 * }
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {
    /** Upload parts up to this size stay in memory; larger ones are spooled to a temporary file while parsed. */
    private static final int UPLOAD_IN_MEMORY_BYTES = 1024 * 1024;

    private final Javalin app;
    private final EventStreams streams;

    public ApiServer(ApiServices services, ApiLimits limits) {
        ObjectMapper mapper = ApiJson.mapper();
        RequestMetrics metrics = new RequestMetrics();
        ErrorMapper errors = new ErrorMapper(mapper);
        this.app = Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            // The JSON body cap; a multipart upload is bounded by the upload limit instead, checked by the route.
            config.http.maxRequestSize = limits.maxBodyBytes();
            long uploadRequestBytes = services.uploads().maxBytes() + DatasetRoutes.MULTIPART_OVERHEAD_BYTES;
            config.jetty.multipartConfig.maxFileSize(uploadRequestBytes, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(uploadRequestBytes, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(UPLOAD_IN_MEMORY_BYTES, SizeUnit.BYTES);
            config.http.prefer405over404 = true;
            WebUi.configure(config);
            config.requestLogger.http((ctx, millis) ->
                    metrics.record(ctx.method().name(), ApiRouter.routeOf(ctx), ctx.statusCode(), millis / 1000.0));
        });
        // Javalin answers its own routing errors (no route, wrong method) unless a handler is registered for them.
        app.exception(HttpResponseException.class, errors::handle);
        app.exception(Exception.class, errors::handle);
        RequestIo io = new RequestIo(mapper, limits);
        PathResources path = new PathResources(services.catalog(), limits);
        Authentication authentication = new Authentication(services.keys());
        ApiRouter router = new ApiRouter(app, authentication);
        this.streams = new EventStreams(services.events().settings().maxStreams());
        new SystemRoutes(io, metrics, () -> lines(services.extraMetrics().get()) + streams.metrics()).register(router);
        new ProjectRoutes(services.catalog(), io, path, limits).register(router);
        new KnowledgebaseRoutes(services.catalog(), services.retriever(), io, path, limits).register(router);
        new DatasetRoutes(services.datasets(), services.uploads(), io, path, limits).register(router);
        new CrawlRoutes(services.jobs(), services.webhooks(), services.outboundGuard(), io, path, limits)
                .register(router);
        new WebhookSecretRoutes(services.webhookSecrets(), io).register(router);
        new JobEventRoutes(
                        services.jobs(),
                        services.catalog(),
                        services.events(),
                        streams,
                        authentication,
                        io,
                        path,
                        mapper)
                .register(router);
    }

    private static String lines(String metricsText) {
        return metricsText.isEmpty() || metricsText.endsWith("\n") ? metricsText : metricsText + "\n";
    }

    /** Starts listening; returns the bound port (useful with {@code port} 0, which picks any free one). */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    /** Stops listening and ends the server's threads. */
    @Override
    public void close() {
        streams.closeAll();
        app.stop();
    }
}
