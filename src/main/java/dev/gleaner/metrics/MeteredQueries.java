package dev.gleaner.metrics;

import dev.gleaner.index.QueryHit;
import dev.gleaner.index.QueryTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Supplier;

/** Times every query in the histogram {@code gleaner_query_duration_seconds} (a failing query too). */
final class MeteredQueries implements QueryTimer {
    static final String DURATION = "gleaner.query.duration";

    private final Timer timer;

    MeteredQueries(MeterRegistry registry) {
        this.timer = Timer.builder(DURATION)
                .description("Time to answer a query: embedding the question, both searches, confirming the hits")
                .serviceLevelObjectives(Buckets.REQUEST)
                .register(registry);
    }

    @Override
    public List<QueryHit> time(Supplier<List<QueryHit>> query) {
        return timer.record(query);
    }
}
