package dev.gleaner.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.ErrorCode;
import dev.gleaner.Heartbeat;
import dev.gleaner.index.IndexFollower;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The HTTP API: every route of the contract in {@code API.md} that this build implements, served by Javalin on virtual
 * threads. Routes of the contract not registered yet answer like any unknown route: 404 {@code not_found}. Job event
 * streams are ended when the server closes. A worker process's server ({@link ProcessRole#servesApi()} false) serves
 * only {@code /health} and {@code /metrics}: no {@code /v1} route, no web UI, and its 404s say why.
 *
 * <pre>{@code
 * try (ApiServer api = new ApiServer(services, limits, timeouts, List.of(), new ProcessRole("all", true))) {
 *     int port = api.start("127.0.0.1", 0); // 0: any free port
 *     …
 * }
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {
    /** Upload parts up to this size stay in memory; larger ones are spooled to a temporary file while parsed. */
    private static final int UPLOAD_IN_MEMORY_BYTES = 1024 * 1024;

    private static final int REQUEST_TIMEOUT = 408;
    /** Why a worker's server answers 404 to every path but two. */
    static final String WORKER_NOTE = ": this process is a worker (--role worker) and serves only /health and /metrics";

    private final Javalin app;
    private final EventStreams streams;
    private final RequestDeadlines deadlines;

    /**
     * @param timeouts how long a client may take to send a request
     * @param heartbeats the long-running loops of the process, whose health {@code GET /health} reports
     * @param role what the process serves: everything, or (a worker) only {@code /health} and {@code /metrics}
     */
    public ApiServer(
            ApiServices services,
            ApiLimits limits,
            HttpTimeouts timeouts,
            List<Heartbeat> heartbeats,
            ProcessRole role) {
        ObjectMapper mapper = ApiJson.mapper();
        this.deadlines = new RequestDeadlines(
                timeouts.requestHeaders(), services.events().clock());
        ServerMetrics metrics = services.metrics();
        ErrorMapper errors = new ErrorMapper(mapper, role.servesApi() ? "" : WORKER_NOTE);
        this.app = Javalin.create(config -> configure(config, services, limits, timeouts, errors, role));
        // Javalin answers its own routing errors (no route, wrong method) unless a handler is registered for them.
        app.exception(HttpResponseException.class, errors::handle);
        app.exception(Exception.class, errors::handle);
        RequestIo io = new RequestIo(mapper, limits);
        AbuseServices abuse = services.abuse();
        Authentication authentication = new Authentication(
                services.keys(),
                abuse.authFailures(),
                abuse.rate(),
                abuse.limits().clientAddressHeader());
        ApiRouter router = new ApiRouter(app, authentication);
        this.streams = new EventStreams(
                services.events().settings().maxStreams(), abuse.limits().streamsPerOwner());
        new SystemRoutes(io, metrics, heartbeats, role, services.index()).register(router);
        if (role.servesApi()) {
            registerApi(router, services, limits, authentication, mapper);
        }
    }

    /** The routes of {@code /v1}: everything but the system routes. */
    private void registerApi(
            ApiRouter router,
            ApiServices services,
            ApiLimits limits,
            Authentication authentication,
            ObjectMapper mapper) {
        RequestIo io = new RequestIo(mapper, limits);
        PathResources path = new PathResources(services.catalog(), limits);
        AbuseServices abuse = services.abuse();
        // A process that serves the API keeps a search index.
        IndexFollower index = Objects.requireNonNull(services.index(), "an API process keeps a search index");
        new ProjectRoutes(services.catalog(), io, path, limits).register(router);
        new KnowledgebaseRoutes(services.catalog(), services.retriever(), index, io, path, limits).register(router);
        new DatasetRoutes(services.datasets(), index, services.uploads(), abuse.quotas(), io, path, limits)
                .register(router);
        new KeyRoutes(services.keys(), io, limits, services.events().clock()).register(router);
        new CrawlRoutes(services.jobs(), index, services.webhooks(), services.outboundGuard(), io, path, limits)
                .register(router);
        new SourceRoutes(services.sources(), services.outboundGuard(), io, path, limits).register(router);
        new WebhookSecretRoutes(services.webhookSecrets(), io).register(router);
        new EmbeddingModelRoutes(services.embeddingModels(), io).register(router);
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

    /**
     * The connector's idle timeout, and the deadline on request headers. Javalin adds its default connector when the
     * server starts, after this runs, so the settings are applied once the connectors exist.
     */
    private void limitTime(Server server, HttpTimeouts timeouts) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector bounded) {
                        bounded.setIdleTimeout(timeouts.idle().toMillis());
                        bounded.addBean(deadlines);
                    }
                }
            }
        });
    }

    /** Job event streams open right now (a gauge of {@code /metrics}). */
    public int openEventStreams() {
        return streams.open();
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
        deadlines.close();
    }

    /** Javalin and Jetty settings: virtual threads, body and upload caps, time limits, errors in the API's shape. */
    private void configure(
            JavalinConfig config,
            ApiServices services,
            ApiLimits limits,
            HttpTimeouts timeouts,
            ErrorMapper errors,
            ProcessRole role) {
        ServerMetrics metrics = services.metrics();
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
        config.jetty.timeoutStatus = REQUEST_TIMEOUT;
        config.jetty.clientAbortStatus = ErrorCode.BAD_REQUEST.httpStatus();
        config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(timeouts.minBodyBytesPerSecond()));
        config.jetty.modifyServer(server -> limitTime(server, timeouts));
        // Errors Jetty answers itself (unparsable requests, limits of the HTTP layer) in the API's error shape.
        config.jetty.modifyServer(server -> server.setErrorHandler(new HttpLayerErrors(errors)));
        config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new HttpLayerErrors(errors)));
        if (role.servesApi()) {
            WebUi.configure(config);
        }
        config.requestLogger.http((ctx, millis) -> metrics.answered(
                ctx.method().name(),
                ApiRouter.routeOf(ctx),
                ctx.statusCode(),
                Duration.ofNanos(Math.round(millis * 1_000_000.0))));
    }
}
