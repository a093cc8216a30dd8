package dev.gleaner.metrics;

import dev.gleaner.Heartbeat;
import dev.gleaner.index.IndexFollower;
import dev.gleaner.index.SearchIndex;
import dev.gleaner.ingest.ParserProcessPool;
import dev.gleaner.pipeline.CrawlWorkers;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Registers the gauges and counters read from the process's parts at each scrape. The registry holds them weakly, so
 * the parts must live as long as the process (they do: {@code cli.Application} keeps them).
 */
public final class ProcessGauges {
    private final MeterRegistry registry;

    ProcessGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Pending URLs, running jobs and stored datasets of the whole deployment. */
    public ProcessGauges workload(Workload workload) {
        gauge(
                "gleaner.frontier.pending",
                "URLs waiting to be claimed, of every job (the crawl queue's depth)",
                workload,
                Workload::pendingUrls);
        gauge("gleaner.jobs.running", "Jobs whose status is running", workload, Workload::runningJobs);
        gauge(
                "gleaner.index.datasets",
                "Datasets (documents) stored, of every knowledgebase",
                workload,
                Workload::datasets);
        return this;
    }

    /** Chunks in the search index (one document per chunk). */
    public ProcessGauges index(SearchIndex index) {
        gauge("gleaner.index.chunks", "Chunks in the search index", index, SearchIndex::size);
        return this;
    }

    /** How this process's search index follows the store's change feed: position, lag, changes applied, rebuilds. */
    public ProcessGauges indexFeed(IndexFollower follower) {
        gauge(
                "gleaner.index.position",
                "Last change of the store's chunk change feed the index applied",
                follower,
                f -> f.lag().position());
        gauge(
                "gleaner.index.lag.changes",
                "Changes committed to the store but not yet applied to this process's index",
                follower,
                f -> f.lag().changes());
        gauge(
                "gleaner.index.lag.seconds",
                "How long ago the oldest change not yet applied to the index was committed",
                follower,
                f -> f.lag().age().toMillis() / 1000.0);
        FunctionCounter.builder("gleaner.index.changes.applied", follower, IndexFollower::appliedChanges)
                .description("Changes of the store's chunk change feed this process's index applied")
                .register(registry);
        FunctionCounter.builder("gleaner.index.rebuilds", follower, IndexFollower::rebuilds)
                .description("Rebuilds of this process's index from the store (the one at start included)")
                .register(registry);
        return this;
    }

    /** This process's crawl workers: pages processed, leases lost, workers busy. */
    public ProcessGauges workers(CrawlWorkers workers) {
        FunctionCounter.builder("gleaner.pages.processed", workers, CrawlWorkers::processed)
                .description("Pages this process's crawl workers processed")
                .register(registry);
        FunctionCounter.builder("gleaner.leases.lost", workers, CrawlWorkers::lostLeases)
                .description("Leases this process lost before recording their page (the result was dropped)")
                .register(registry);
        gauge("gleaner.workers.busy", "Crawl workers processing a page right now", workers, CrawlWorkers::busy);
        return this;
    }

    /** The document parser processes: started, lost, running. */
    public ProcessGauges parsers(ParserProcessPool parsers) {
        FunctionCounter.builder("gleaner.parser.processes.started", parsers, ParserProcessPool::started)
                .description("Document parser processes started")
                .register(registry);
        FunctionCounter.builder("gleaner.parser.processes.lost", parsers, ParserProcessPool::lost)
                .description("Document parser processes that ended abnormally (killed, out of memory, too slow)")
                .register(registry);
        gauge("gleaner.parser.processes", "Document parser processes running", parsers, ParserProcessPool::running);
        return this;
    }

    /** Job event streams open right now. */
    public ProcessGauges eventStreams(IntSupplier open) {
        gauge("gleaner.event.streams.open", "Job event streams open right now", open, IntSupplier::getAsInt);
        return this;
    }

    /** The health check as gauges: degraded or not, and per loop whether it works and how long since its round. */
    public ProcessGauges health(List<Heartbeat> heartbeats) {
        List<Heartbeat> loops = List.copyOf(heartbeats);
        gauge("gleaner.health.degraded", "1 when GET /health reports degraded", loops, ProcessGauges::degraded);
        for (Heartbeat loop : loops) {
            Gauge.builder("gleaner.loop.healthy", loop, h -> h.problem() == null ? 1 : 0)
                    .description("1 when the long-running loop works, 0 when it died or is stale")
                    .tag("loop", loop.loop())
                    .register(registry);
            Gauge.builder("gleaner.loop.seconds.since.round", loop, Heartbeat::secondsSinceRound)
                    .description("Seconds since the loop last completed a round")
                    .tag("loop", loop.loop())
                    .register(registry);
        }
        return this;
    }

    private static double degraded(List<Heartbeat> loops) {
        return loops.stream().anyMatch(h -> h.problem() != null) ? 1 : 0;
    }

    private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value)
                .description(description)
                .strongReference(true)
                .register(registry);
    }
}
