package dev.gleaner.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.crawl.NormalizedUrl;
import dev.gleaner.crawl.RobotsRules;
import dev.gleaner.pipeline.Renderer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Answers the requests one rendered page makes, each paused by the browser ({@code Fetch.requestPaused}): the page's
 * own document with the bytes already fetched; every request {@link RequestRule} lets through, up to
 * {@link ChromiumSettings#maxRequests()} of them, through the crawler's fetcher once its server's robots.txt allows it
 * (the rules cached by the crawl's {@link dev.gleaner.crawl.RobotsPolicy}) and its turn has come
 * ({@link RequestSpacing}: the crawl's gap, or the server's {@code Crawl-delay} when longer). Every other request
 * fails in the browser, as a client would block it, and is listed with its reason. Fetches run on threads of their
 * own, so a slow answer or a wait for a turn never holds up the page's other events.
 */
final class PageRequests {
    /** The most refused requests listed in a rendering's outcome. */
    private static final int MAX_LISTED = 20;

    private final TabRendering.Setup setup;
    private final Renderer.Page page;
    private final String session;
    private final Instant deadline;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<String> refused = new ArrayList<>();
    private volatile Instant lastActivity;
    private int fetches;
    private boolean served;

    PageRequests(TabRendering.Setup setup, Renderer.Page page, String session, Instant deadline) {
        this.setup = setup;
        this.page = page;
        this.session = session;
        this.deadline = deadline;
        this.lastActivity = setup.clock().instant();
    }

    /** When the page last made a request or had one answered (or {@link #touch} was called). */
    Instant lastActivity() {
        return lastActivity;
    }

    /** Counts now as activity of the page. */
    void touch() {
        lastActivity = setup.clock().instant();
    }

    /** Whether no request of the page is being fetched. */
    boolean idle() {
        return inFlight.get() == 0;
    }

    /** The refused requests so far, each as "URL: why". */
    List<String> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    /** Answers one paused request of the page (called in the order the browser paused them). */
    void paused(JsonNode params) {
        touch();
        String id = params.path("requestId").asText();
        JsonNode request = params.path("request");
        String url = request.path("url").asText();
        URI target;
        try {
            target = new URI(url);
        } catch (URISyntaxException e) {
            refuse(id, url, "not a valid URL");
            return;
        }
        String type = params.path("resourceType").asText("Other");
        boolean first = !served && "Document".equals(type);
        RequestRule.Decision decision = RequestRule.decide(
                request.path("method").asText("GET"), type, target, page.url(), first, setup.thirdParty());
        if (decision instanceof RequestRule.Decision.Fetch && ++fetches > setup.maxRequests()) {
            decision = new RequestRule.Decision.Refuse(
                    "the page made more than " + setup.maxRequests() + " requests (--render-max-requests)");
        }
        switch (decision) {
            case RequestRule.Decision.ServePage serve -> {
                served = true;
                fulfill(id, 200, page.contentType(), page.body());
            }
            case RequestRule.Decision.Refuse refusal -> refuse(id, url, refusal.reason());
            case RequestRule.Decision.Drop drop -> fail(id);
            case RequestRule.Decision.Fetch fetch -> {
                inFlight.incrementAndGet();
                Thread.ofVirtual().name("render-fetch").start(() -> {
                    try {
                        fetch(id, url, target);
                    } finally {
                        touch();
                        inFlight.decrementAndGet();
                    }
                });
            }
        }
    }

    private void fetch(String id, String url, URI target) {
        String refusal = politeRefusal(target);
        if (refusal != null) {
            refuse(id, url, refusal);
            return;
        }
        answer(id, url, setup.fetcher().fetch(target, page.headers()));
    }

    /** Why {@code target} may not be fetched, or null once its turn has come (waiting for it). */
    private @Nullable String politeRefusal(URI target) {
        RobotsRules rules = setup.robots().rulesFor(target, page.headers());
        if (!rules.allows(target)) {
            return switch (rules.status()) {
                case LOADED -> "disallowed by robots.txt";
                case UNAVAILABLE ->
                    "nothing may be fetched from " + NormalizedUrl.serverOf(target)
                            + " until its robots.txt can be read: " + rules.detail();
                case ALLOW_ALL, UNREACHABLE, BLOCKED -> rules.detail();
            };
        }
        Duration gap = rules.crawlDelay().compareTo(setup.requestGap()) > 0 ? rules.crawlDelay() : setup.requestGap();
        Optional<Instant> start = setup.spacing().reserve(target, gap, deadline);
        if (start.isEmpty()) {
            return "its server's gap of " + gap.toMillis() + " ms between requests leaves no turn before the page's"
                    + " deadline";
        }
        Duration wait = Duration.between(setup.clock().instant(), start.get());
        if (wait.isPositive()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "the rendering was interrupted (the service is stopping)";
            }
        }
        return null;
    }

    private void answer(String id, String url, FetchOutcome outcome) {
        switch (outcome) {
            case FetchOutcome.Fetched fetched -> fulfill(id, fetched.status(), fetched.contentType(), fetched.body());
            case FetchOutcome.HttpError error -> fulfill(id, error.status(), "", new byte[0]);
            // A page's own requests carry no validators, so a 304 is only the server's odd answer: passed on as is.
            case FetchOutcome.NotModified notModified -> fulfill(id, 304, "", new byte[0]);
            case FetchOutcome.Failure failure -> {
                if (failure.kind() == FetchOutcome.Kind.BLOCKED_ADDRESS) {
                    note(url, failure.reason());
                }
                setup.cdp()
                        .send(
                                session,
                                "Fetch.failRequest",
                                params().put("requestId", id)
                                        .put(
                                                "errorReason",
                                                failure.kind() == FetchOutcome.Kind.TIMEOUT ? "TimedOut" : "Failed"));
            }
        }
    }

    private void fulfill(String id, int status, String contentType, byte[] body) {
        ObjectNode fulfil = params().put("requestId", id).put("responseCode", status);
        if (!contentType.isBlank()) {
            fulfil.putArray("responseHeaders")
                    .addObject()
                    .put("name", "Content-Type")
                    .put("value", contentType);
        }
        fulfil.put("body", Base64.getEncoder().encodeToString(body));
        setup.cdp().send(session, "Fetch.fulfillRequest", fulfil);
    }

    private void refuse(String id, String url, String reason) {
        note(url, reason);
        fail(id);
    }

    private void fail(String id) {
        setup.cdp()
                .send(
                        session,
                        "Fetch.failRequest",
                        params().put("requestId", id).put("errorReason", "BlockedByClient"));
    }

    private void note(String url, String reason) {
        synchronized (refused) {
            if (refused.size() < MAX_LISTED) {
                refused.add(url + ": " + reason);
            }
        }
    }

    private ObjectNode params() {
        return setup.json().createObjectNode();
    }
}
