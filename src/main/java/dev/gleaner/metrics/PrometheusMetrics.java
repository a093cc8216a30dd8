package dev.gleaner.metrics;

import dev.gleaner.api.ServerMetrics;
import dev.gleaner.crawl.Fetcher;
import dev.gleaner.index.QueryTimer;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.jobs.Frontier;
import dev.gleaner.pipeline.Renderer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The process's metric registry, rendered in the Prometheus text format at {@code GET /metrics}: the API's requests
 * (by method, route template and status), the JVM's memory, garbage collection, threads, classes, CPU and uptime, and
 * whatever the decorators and gauges made by this registry measure. Closing it stops the garbage collection listener.
 */
public final class PrometheusMetrics implements ServerMetrics, AutoCloseable {
    static final String HTTP_REQUESTS = "gleaner.http.requests";
    static final String HTTP_DURATION = "gleaner.http.request.duration";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @Override
    public void answered(String method, String route, int status, Duration took) {
        Counter.builder(HTTP_REQUESTS)
                .description("HTTP requests answered, by method, route template and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .register(registry)
                .increment();
        Timer.builder(HTTP_DURATION)
                .description("Time to answer HTTP requests, by method and route template")
                .tags("method", method, "route", route)
                .serviceLevelObjectives(Buckets.REQUEST)
                .register(registry)
                .record(took);
    }

    @Override
    public String scrape() {
        return registry.scrape();
    }

    /** {@code fetcher}, measuring each fetch's duration by its result. */
    public Fetcher fetcher(Fetcher fetcher) {
        return new MeteredFetcher(fetcher, registry);
    }

    /** {@code renderer}, measuring each rendering's duration by how it ended. */
    public Renderer renderer(Renderer renderer) {
        return new MeteredRenderer(renderer, registry);
    }

    /** {@code embedder}, counting the passages it embeds and timing each call, under its model's name. */
    public Embedder embedder(Embedder embedder) {
        return new MeteredEmbedder(embedder, registry);
    }

    /** {@code frontier}, counting the pages whose processing it records, by outcome. */
    public Frontier frontier(Frontier frontier) {
        return new MeteredFrontier(frontier, registry);
    }

    /** A timer of the queries a retriever answers. */
    public QueryTimer queries() {
        return new MeteredQueries(registry);
    }

    /** Where the gauges of the process's state are registered. */
    public ProcessGauges gauges() {
        return new ProcessGauges(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
