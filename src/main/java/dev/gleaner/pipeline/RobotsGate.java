package dev.gleaner.pipeline;

import dev.gleaner.crawl.NormalizedUrl;
import dev.gleaner.crawl.RobotsPolicy;
import dev.gleaner.crawl.RobotsRules;
import dev.gleaner.jobs.Frontier;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a URL against its server's robots.txt before it is fetched, and hands the server's {@code Crawl-delay} to
 * the frontier's pacing. A robots.txt that answers 5xx or 429 (or not in time) is retried like any transient failure,
 * and the URL ends as {@code robots} when it never becomes readable (RFC 9309: assume complete disallow). A server
 * that cannot be reached at all is a network failure, not a robots.txt one: the URL is retried, then ends as
 * {@code failed} with the network's reason (connection refused, no such host); one whose address the guard refuses
 * ends as {@code failed} at once, naming the address and {@code --allow-private-network}.
 */
final class RobotsGate {
    private final RobotsPolicy robots;
    private final Frontier frontier;
    private final Retries retries;
    private final Duration defaultGap;
    private final Map<String, Duration> pacedServers = new ConcurrentHashMap<>();

    RobotsGate(RobotsPolicy robots, Frontier frontier, Retries retries, Duration defaultGap) {
        this.robots = robots;
        this.frontier = frontier;
        this.retries = retries;
        this.defaultGap = defaultGap;
    }

    /** Why this URL may not be fetched now, or empty when it may. */
    Optional<PageResult> refusal(Lease lease, URI url) {
        RobotsRules rules = robots.rulesFor(url, JobHeaders.of(lease.spec(), url));
        switch (rules.status()) {
            case UNAVAILABLE -> {
                return Optional.of(retries.retryOrFail(
                        lease,
                        PageOutcome.ROBOTS,
                        "Nothing may be fetched from " + NormalizedUrl.serverOf(url)
                                + " until its robots.txt can be read: " + rules.detail(),
                        null,
                        null));
            }
            case UNREACHABLE -> {
                return Optional.of(retries.retryOrFail(lease, PageOutcome.FAILED, rules.detail(), null, null));
            }
            case BLOCKED -> {
                return Optional.of(new PageResult.Failed(PageOutcome.FAILED, rules.detail(), null));
            }
            case LOADED, ALLOW_ALL -> {
                // robots.txt answered: its rules decide below.
            }
        }
        pace(url, rules.crawlDelay());
        if (!rules.allows(url)) {
            return Optional.of(new PageResult.Failed(PageOutcome.ROBOTS, PageOutcome.ROBOTS.reason(), null));
        }
        return Optional.empty();
    }

    /** Asks the frontier to claim no URL of this server before {@code until} (Retry-After), keeping its gap. */
    void holdBack(URI url, java.time.Instant until) {
        String server = NormalizedUrl.serverOf(url);
        frontier.pace(server, pacedServers.getOrDefault(server, defaultGap), until);
    }

    private void pace(URI url, Duration crawlDelay) {
        Duration gap = crawlDelay.compareTo(defaultGap) > 0 ? crawlDelay : defaultGap;
        String server = NormalizedUrl.serverOf(url);
        if (!gap.equals(pacedServers.get(server))) {
            frontier.pace(server, gap, null);
            pacedServers.put(server, gap);
        }
    }
}
