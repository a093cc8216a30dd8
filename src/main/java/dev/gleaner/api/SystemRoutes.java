package dev.gleaner.api;

import dev.gleaner.ErrorCode;
import dev.gleaner.Heartbeat;
import dev.gleaner.api.schema.Health;
import dev.gleaner.api.schema.HealthProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
    private final List<Heartbeat> heartbeats;

    SystemRoutes(RequestIo io, RequestMetrics metrics, Supplier<String> extraMetrics, List<Heartbeat> heartbeats) {
        this.io = io;
        this.metrics = metrics;
        this.extraMetrics = extraMetrics;
        this.heartbeats = List.copyOf(heartbeats);
        this.openApi = openApiDocument();
    }

    void register(ApiRouter router) {
        router.publicGet(HEALTH, ctx -> {
            List<HealthProblem> problems = problems();
            if (problems.isEmpty()) {
                io.ok(ctx, Health.ok());
            } else {
                io.reply(ctx, ErrorCode.UNAVAILABLE.httpStatus(), Health.degraded(problems));
            }
        });
        router.publicGet(
                METRICS, ctx -> ctx.status(200).contentType(PROMETHEUS_TEXT).result(metricsText()));
        router.publicGet(
                OPENAPI, ctx -> ctx.status(200).contentType("application/json").result(openApi));
    }

    private List<HealthProblem> problems() {
        List<HealthProblem> problems = new ArrayList<>();
        for (Heartbeat heartbeat : heartbeats) {
            String problem = heartbeat.problem();
            if (problem != null) {
                problems.add(new HealthProblem(heartbeat.loop(), problem));
            }
        }
        return problems;
    }

    private String metricsText() {
        String extra = extraMetrics.get();
        String text = extra.isEmpty() || extra.endsWith("\n") ? extra : extra + "\n";
        return metrics.exposition() + text + healthMetrics();
    }

    /** The health check as gauges: 1 when degraded, and per loop whether it is healthy and how long since its round. */
    private String healthMetrics() {
        StringBuilder text = new StringBuilder();
        text.append("# HELP gleaner_health_degraded 1 when GET /health reports degraded\n")
                .append("# TYPE gleaner_health_degraded gauge\n")
                .append("gleaner_health_degraded ")
                .append(problems().isEmpty() ? 0 : 1)
                .append('\n');
        text.append("# HELP gleaner_loop_healthy 1 when the long-running loop works, 0 when it died or is stale\n")
                .append("# TYPE gleaner_loop_healthy gauge\n");
        for (Heartbeat heartbeat : heartbeats) {
            text.append("gleaner_loop_healthy{loop=\"")
                    .append(heartbeat.loop())
                    .append("\"} ")
                    .append(heartbeat.problem() == null ? 1 : 0)
                    .append('\n');
        }
        text.append("# HELP gleaner_loop_seconds_since_round seconds since the loop last completed a round\n")
                .append("# TYPE gleaner_loop_seconds_since_round gauge\n");
        for (Heartbeat heartbeat : heartbeats) {
            text.append("gleaner_loop_seconds_since_round{loop=\"")
                    .append(heartbeat.loop())
                    .append("\"} ")
                    .append(heartbeat.secondsSinceRound())
                    .append('\n');
        }
        return text.toString();
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
