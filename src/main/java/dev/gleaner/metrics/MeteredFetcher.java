package dev.gleaner.metrics;

import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.crawl.Fetcher;
import dev.gleaner.crawl.SiteHeaders;
import dev.gleaner.crawl.Validators;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.util.Locale;

/**
 * A {@link Fetcher} that times every fetch (robots.txt and sitemaps included) in the histogram
 * {@code gleaner_fetch_duration_seconds}, labelled with how it ended: {@code fetched} (any 2xx answer), {@code not_modified} (a 304 to a conditional request), {@code http_error}
 * (any other status) or the failure's kind ({@code timeout}, {@code connection}, …).
 */
final class MeteredFetcher implements Fetcher {
    static final String DURATION = "gleaner.fetch.duration";

    private final Fetcher fetcher;
    private final MeterRegistry registry;

    MeteredFetcher(Fetcher fetcher, MeterRegistry registry) {
        this.fetcher = fetcher;
        this.registry = registry;
    }

    @Override
    public FetchOutcome fetch(URI url, SiteHeaders headers) {
        return fetch(url, headers, Validators.NONE);
    }

    @Override
    public FetchOutcome fetch(URI url, SiteHeaders headers, Validators validators) {
        Timer.Sample sample = Timer.start(registry);
        FetchOutcome outcome = fetcher.fetch(url, headers, validators);
        sample.stop(Timer.builder(DURATION)
                .description("Time to fetch a URL (redirects and body included), by how the fetch ended")
                .tag("result", result(outcome))
                .serviceLevelObjectives(Buckets.SLOW)
                .register(registry));
        return outcome;
    }

    static String result(FetchOutcome outcome) {
        if (outcome instanceof FetchOutcome.Failure failure) {
            return failure.kind().name().toLowerCase(Locale.ROOT);
        }
        if (outcome instanceof FetchOutcome.NotModified) {
            return "not_modified";
        }
        return outcome instanceof FetchOutcome.Fetched ? "fetched" : "http_error";
    }
}
