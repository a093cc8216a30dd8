package dev.gleaner.api;

import dev.gleaner.api.schema.Health;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** The routes that need no key: {@code /health}, {@code /metrics} (Prometheus text) and {@code /openapi.json}. */
final class SystemRoutes {
    static final String HEALTH = "/health";
    static final String METRICS = "/metrics";
    static final String OPENAPI = "/openapi.json";
    static final String OPENAPI_RESOURCE = "/openapi.json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final RequestIo io;
    private final RequestMetrics metrics;
    private final Supplier<String> extraMetrics;
    private final byte[] openApi;

    SystemRoutes(RequestIo io, RequestMetrics metrics, Supplier<String> extraMetrics) {
        this.io = io;
        this.metrics = metrics;
        this.extraMetrics = extraMetrics;
        this.openApi = openApiDocument();
    }

    void register(ApiRouter router) {
        router.publicGet(HEALTH, ctx -> io.ok(ctx, new Health("ok")));
        router.publicGet(
                METRICS, ctx -> ctx.status(200).contentType(PROMETHEUS_TEXT).result(metricsText()));
        router.publicGet(
                OPENAPI, ctx -> ctx.status(200).contentType("application/json").result(openApi));
    }

    private String metricsText() {
        String extra = extraMetrics.get();
        if (extra.isEmpty() || extra.endsWith("\n")) {
            return metrics.exposition() + extra;
        }
        return metrics.exposition() + extra + "\n";
    }

    /** The OpenAPI document shipped with the API; its absence is a broken build, found at start. */
    static byte[] openApiDocument() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "The OpenAPI document " + OPENAPI_RESOURCE + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
