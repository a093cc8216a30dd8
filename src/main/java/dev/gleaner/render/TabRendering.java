package dev.gleaner.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.crawl.Fetcher;
import dev.gleaner.crawl.RobotsPolicy;
import dev.gleaner.pipeline.Renderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Renders one page in a tab of its own, in a browser context of its own (no cookie or storage shared with another
 * page), and closes both. Every request of the page is paused ({@code Fetch.enable}) and answered by
 * {@link PageRequests}. The page is done when its load event fired, no request has been under way for
 * {@link #QUIET}, and its body shows some text; a page still busy (or still blank) at the deadline is taken as it is
 * then if it loaded, and is a {@link Renderer.Failure#TIMEOUT} otherwise.
 */
final class TabRendering {
    /** How long a loaded page must make no request before it is taken as rendered. */
    static final Duration QUIET = Duration.ofMillis(300);
    /** How long reading the page's HTML, and closing its context, may take past the deadline. */
    private static final Duration AFTERWARDS = Duration.ofSeconds(5);

    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * The browser, what fetches the page's requests, and the rules for them.
     *
     * @param requestGap the crawl's least time between two requests to one server
     */
    record Setup(
            CdpConnection cdp,
            Fetcher fetcher,
            RobotsPolicy robots,
            RequestSpacing spacing,
            ObjectMapper json,
            Clock clock,
            Duration timeout,
            boolean thirdParty,
            int maxChars,
            int maxRequests,
            Duration requestGap) {}

    private final Setup setup;
    private final CdpConnection cdp;
    private final Renderer.Page page;
    private final Instant deadline;
    private final BlockingQueue<CdpConnection.Event> events = new LinkedBlockingQueue<>();

    TabRendering(Setup setup, Renderer.Page page, Instant deadline) {
        this.setup = setup;
        this.cdp = setup.cdp();
        this.page = page;
        this.deadline = deadline;
    }

    /** Renders the page; the tab and its context are closed whatever happens. */
    Renderer.Rendering run() throws CdpConnection.CdpException {
        String context = null;
        String session = null;
        try {
            context = call(null, "Target.createBrowserContext", params().put("disposeOnDetach", true))
                    .path("browserContextId")
                    .asText();
            call(
                    null,
                    "Browser.setDownloadBehavior",
                    params().put("behavior", "deny").put("browserContextId", context));
            String target = call(
                            null,
                            "Target.createTarget",
                            params().put("url", "about:blank").put("browserContextId", context))
                    .path("targetId")
                    .asText();
            session = call(
                            null,
                            "Target.attachToTarget",
                            params().put("targetId", target).put("flatten", true))
                    .path("sessionId")
                    .asText();
            cdp.listen(session, events::add);
            call(session, "Page.enable", params());
            ObjectNode fetch = params();
            fetch.putArray("patterns").addObject().put("urlPattern", "*").put("requestStage", "Request");
            call(session, "Fetch.enable", fetch);
            CompletableFuture<JsonNode> navigation = cdp.send(
                    session, "Page.navigate", params().put("url", page.url().toString()));
            return await(session, new PageRequests(setup, page, session, deadline), navigation);
        } finally {
            if (session != null) {
                cdp.unlisten(session);
            }
            if (context != null) {
                cdp.send(null, "Target.disposeBrowserContext", params().put("browserContextId", context));
            }
        }
    }

    private Renderer.Rendering await(String session, PageRequests requests, CompletableFuture<JsonNode> navigation)
            throws CdpConnection.CdpException {
        boolean loaded = false;
        while (true) {
            Instant now = setup.clock().instant();
            if (!now.isBefore(deadline)) {
                return loaded ? html(session, requests) : timedOut();
            }
            Renderer.Rendering notLoaded = navigationFailure(navigation);
            if (notLoaded != null) {
                return notLoaded;
            }
            if (loaded
                    && requests.idle()
                    && !now.isBefore(requests.lastActivity().plus(QUIET))) {
                if (showsText(session)) {
                    return html(session, requests);
                }
                // A busy machine may start the script's request later than the quiet period: wait for text (or the
                // deadline) rather than take the empty shell.
                requests.touch();
            }
            CdpConnection.Event event = next(Duration.between(now, deadline));
            if (event == null) {
                continue;
            }
            switch (event.method()) {
                case "Fetch.requestPaused" -> requests.paused(event.params());
                case "Page.loadEventFired" -> {
                    loaded = true;
                    requests.touch();
                }
                case "Page.javascriptDialogOpening" ->
                    cdp.send(session, "Page.handleJavaScriptDialog", params().put("accept", false));
                case "Inspector.targetCrashed" -> {
                    return failed("the page crashed its browser tab");
                }
                case "Inspector.detached" -> {
                    return failed("the browser went away ("
                            + event.params().path("reason").asText() + ")");
                }
                default -> {}
            }
        }
    }

    private CdpConnection.@Nullable Event next(Duration left) {
        try {
            return events.poll(Math.max(1, Math.min(left.toMillis(), POLL.toMillis())), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CdpConnection.Event("Inspector.detached", params().put("reason", "interrupted"), null);
        }
    }

    private Renderer.@Nullable Rendering navigationFailure(CompletableFuture<JsonNode> navigation) {
        if (!navigation.isDone()) {
            return null;
        }
        if (navigation.isCompletedExceptionally()) {
            return failed("the browser could not open the page");
        }
        String error = navigation.join().path("errorText").asText("");
        return error.isEmpty() ? null : failed("the browser could not open the page (" + error + ")");
    }

    private boolean showsText(String session) throws CdpConnection.CdpException {
        return evaluate(session, "document.body ? document.body.innerText.trim().length : 0", AFTERWARDS)
                        .asLong()
                > 0;
    }

    /** The page's HTML as it is now, unless it is larger than allowed. */
    private Renderer.Rendering html(String session, PageRequests requests) throws CdpConnection.CdpException {
        Duration wait = AFTERWARDS;
        long length = evaluate(
                        session, "document.documentElement ? document.documentElement.outerHTML.length : 0", wait)
                .asLong();
        if (length > setup.maxChars()) {
            return new Renderer.Rendering.Failed(
                    Renderer.Failure.TOO_LARGE,
                    "The rendered page is larger than " + setup.maxChars() / (1024 * 1024)
                            + " MB of HTML: raise --render-max-html-mb to read it rendered");
        }
        String html = evaluate(session, "document.documentElement ? document.documentElement.outerHTML : ''", wait)
                .asText("");
        return new Renderer.Rendering.Rendered(html, requests.refused());
    }

    private JsonNode evaluate(String session, String expression, Duration wait) throws CdpConnection.CdpException {
        return cdp.call(
                        session,
                        "Runtime.evaluate",
                        params().put("expression", expression).put("returnByValue", true),
                        wait)
                .path("result")
                .path("value");
    }

    /** A command of the setup, which must be answered before the deadline. */
    private JsonNode call(@Nullable String session, String method, ObjectNode params)
            throws CdpConnection.CdpException {
        Duration left = Duration.between(setup.clock().instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new CdpConnection.CdpException("the deadline passed before " + method);
        }
        return cdp.call(session, method, params, left);
    }

    private Renderer.Rendering timedOut() {
        return new Renderer.Rendering.Failed(Renderer.Failure.TIMEOUT, ChromiumRenderer.tookTooLong(setup.timeout()));
    }

    private static Renderer.Rendering failed(String why) {
        return new Renderer.Rendering.Failed(
                Renderer.Failure.FAILED,
                "Rendering the page in Chromium failed: " + why
                        + "; retry the page (a browser that stopped is started again)");
    }

    private ObjectNode params() {
        return setup.json().createObjectNode();
    }
}
