package dev.gleaner.api;

import dev.gleaner.ErrorCode;
import dev.gleaner.Heartbeat;
import dev.gleaner.api.schema.Health;
import dev.gleaner.api.schema.HealthProblem;
import dev.gleaner.api.schema.IndexHealth;
import dev.gleaner.index.IndexFollower;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The routes that need no key: {@code /health}, {@code /metrics} (Prometheus text) and, where the API is served,
 * {@code /openapi.json}.
 */
final class SystemRoutes {
    static final String HEALTH = "/health";
    static final String METRICS = "/metrics";
    static final String OPENAPI = "/openapi.json";
    static final String OPENAPI_RESOURCE = "/openapi.json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final @Nullable IndexFollower index;
    private final RequestIo io;
    private final ServerMetrics metrics;
    private final byte[] openApi;
    private final List<Heartbeat> heartbeats;
    private final ProcessRole role;

    SystemRoutes(
            RequestIo io,
            ServerMetrics metrics,
            List<Heartbeat> heartbeats,
            ProcessRole role,
            @Nullable IndexFollower index) {
        this.io = io;
        this.index = index;
        this.metrics = metrics;
        this.heartbeats = List.copyOf(heartbeats);
        this.role = role;
        this.openApi = openApiDocument();
    }

    void register(ApiRouter router) {
        router.publicGet(HEALTH, ctx -> {
            List<HealthProblem> problems = problems();
            if (problems.isEmpty()) {
                io.ok(ctx, Health.ok(role.name(), indexHealth()));
            } else {
                io.reply(
                        ctx, ErrorCode.UNAVAILABLE.httpStatus(), Health.degraded(role.name(), problems, indexHealth()));
            }
        });
        router.publicGet(
                METRICS, ctx -> ctx.status(200).contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
        // The API's description goes with the API: a worker serves none.
        if (role.servesApi()) {
            router.publicGet(
                    OPENAPI,
                    ctx -> ctx.status(200).contentType("application/json").result(openApi));
        }
    }

    private @Nullable IndexHealth indexHealth() {
        IndexFollower follower = index;
        return follower == null ? null : IndexHealth.of(follower);
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
