package dev.gleaner.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.crawl.Fetcher;
import dev.gleaner.crawl.RobotsPolicy;
import dev.gleaner.pipeline.Renderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Renderer} of a headless Chromium: one browser process for the whole service, started on the first page
 * that needs it and kept running, at most {@link ChromiumSettings#tabs()} pages rendered at once (the rest wait for a
 * tab), each within {@link ChromiumSettings#timeout()} once it has its tab. A browser that crashed or closed its
 * connection is started again for the next page; one that cannot be started is not tried again for
 * {@link #RETRY_START}, its pages failing at once with the reason. Closing stops the browser.
 *
 * <p>The page's document is the one the crawler fetched; every other request it makes is answered through
 * {@code fetcher} (the crawler's, so the outbound address guard decides every address and the crawl's headers go to
 * its own site only) when {@link RequestRule} lets it through, robots.txt allows it, the page has not made
 * {@link ChromiumSettings#maxRequests()} already, and its server's turn has come ({@link PageRequests}); the browser
 * itself resolves no host name.
 */
public final class ChromiumRenderer implements Renderer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChromiumRenderer.class);
    /** How long a browser that could not be started is not tried again. */
    static final Duration RETRY_START = Duration.ofMinutes(1);
    /** What a protocol message may hold beyond the largest HTML (escaping, the rest of the message). */
    private static final int MESSAGE_SLACK = 1024 * 1024;

    private final ChromiumSettings settings;
    private final Fetcher fetcher;
    private final RobotsPolicy robots;
    private final RequestSpacing spacing;
    private final Clock clock;
    private final Semaphore tabs;
    private final ObjectMapper json = new ObjectMapper();
    // A lock, not a monitor: starting the browser takes seconds, and must not pin a virtual thread's carrier.
    private final ReentrantLock browserLock = new ReentrantLock();
    private @Nullable ChromiumProcess browser;
    private @Nullable String unavailable;
    private Instant retryStartAt = Instant.MIN;
    private boolean closed;

    /**
     * @param fetcher what fetches the pages' requests: the crawler's
     * @param robots the crawl's robots.txt rules, asked about every request a page fetches
     */
    public ChromiumRenderer(ChromiumSettings settings, Fetcher fetcher, RobotsPolicy robots, Clock clock) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.robots = robots;
        this.spacing = new RequestSpacing(clock);
        this.clock = clock;
        this.tabs = new Semaphore(settings.tabs(), true);
    }

    @Override
    public Rendering render(Page page) {
        try {
            tabs.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Rendering.Failed(Failure.FAILED, "Rendering was interrupted (the service is stopping)");
        }
        try {
            return renderInTab(page);
        } finally {
            tabs.release();
        }
    }

    private Rendering renderInTab(Page page) {
        ChromiumProcess running;
        try {
            running = browser();
        } catch (CdpConnection.CdpException e) {
            return new Rendering.Failed(Failure.UNAVAILABLE, e.reason());
        }
        Instant deadline = clock.instant().plus(settings.timeout());
        // The page was fetched just before it came here: its server's next request waits a gap from now.
        spacing.fetched(page.url(), settings.requestGap());
        TabRendering.Setup setup = new TabRendering.Setup(
                running.connection(),
                fetcher,
                robots,
                spacing,
                json,
                clock,
                settings.timeout(),
                settings.thirdParty(),
                settings.maxHtmlChars(),
                settings.maxRequests(),
                settings.requestGap());
        try {
            return new TabRendering(setup, page, deadline).run();
        } catch (CdpConnection.CdpException e) {
            if (!clock.instant().isBefore(deadline)) {
                return new Rendering.Failed(Failure.TIMEOUT, tookTooLong(settings.timeout()));
            }
            LOG.warn("Rendering {} failed: {}", page.url(), e.reason());
            return new Rendering.Failed(
                    Failure.FAILED,
                    "Rendering the page in Chromium failed (" + e.reason()
                            + "); the browser is started again for the next page");
        }
    }

    /** The reason of a page not rendered within {@code timeout}. */
    static String tookTooLong(Duration timeout) {
        return "Rendering the page took longer than " + timeout.toSeconds()
                + " s (it had not finished loading): raise --render-timeout-seconds if the site is slow";
    }

    /** The running browser, started (or started again after a crash) when needed. */
    private ChromiumProcess browser() throws CdpConnection.CdpException {
        browserLock.lock();
        try {
            if (closed) {
                throw new CdpConnection.CdpException("The renderer is closed (the service is stopping)");
            }
            ChromiumProcess current = browser;
            if (current != null && current.alive()) {
                return current;
            }
            if (current != null) {
                LOG.warn("Chromium stopped or lost its connection; starting it again");
                current.close();
                browser = null;
            }
            String lastFailure = unavailable;
            if (lastFailure != null && clock.instant().isBefore(retryStartAt)) {
                throw new CdpConnection.CdpException(lastFailure);
            }
            try {
                ChromiumProcess started =
                        ChromiumProcess.start(settings.executable(), json, settings.maxHtmlChars() * 2 + MESSAGE_SLACK);
                browser = started;
                unavailable = null;
                LOG.info("Chromium started ({}) for pages that need JavaScript", settings.executable());
                return started;
            } catch (CdpConnection.CdpException e) {
                unavailable = "Chromium could not be started (" + settings.executable() + ": " + e.reason()
                        + "). Install chromium, or pass --chromium with the path of a Chromium or Chrome executable";
                retryStartAt = clock.instant().plus(RETRY_START);
                LOG.warn(unavailable);
                throw new CdpConnection.CdpException(unavailable);
            }
        } finally {
            browserLock.unlock();
        }
    }

    /** Whether a browser process is running now (started by a render, not yet stopped). */
    public boolean running() {
        browserLock.lock();
        try {
            ChromiumProcess current = browser;
            return current != null && current.alive();
        } finally {
            browserLock.unlock();
        }
    }

    @Override
    public void close() {
        browserLock.lock();
        try {
            closed = true;
            ChromiumProcess current = browser;
            browser = null;
            if (current != null) {
                current.close();
            }
        } finally {
            browserLock.unlock();
        }
    }
}
