package dev.gleaner.pipeline;

import dev.gleaner.crawl.SiteHeaders;
import java.net.URI;
import java.util.List;

/**
 * Loads a fetched HTML page in a browser, runs its scripts, and returns the HTML the page then shows. The page's own
 * document is the one already fetched (it is not fetched again); every other request the page makes is judged as the
 * crawler's own (the outbound address guard, the crawl's headers on its own site only, robots.txt, the crawl's gap
 * between requests to one server) and may be refused, as are those past the adapter's limit per page. Never
 * throws for anything the page or the browser does: every ending is a {@link Rendering}. Safe for concurrent use;
 * callers beyond the adapter's capacity wait their turn.
 */
public interface Renderer {
    /**
     * Renders {@code page}.
     *
     * @return the rendered HTML, or why there is none
     */
    Rendering render(Page page);

    /**
     * A fetched page to render.
     *
     * @param url the page's final URL: its origin is the page's site
     * @param contentType the page's {@code Content-Type} as it was served
     * @param body the page's bytes as fetched
     * @param headers the crawl's headers, given to the requests {@link SiteHeaders#forUrl} gives them to
     */
    @SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
    record Page(URI url, String contentType, byte[] body, SiteHeaders headers) {}

    /** How rendering one page ended. */
    sealed interface Rendering {
        /**
         * The page's HTML after its scripts ran.
         *
         * @param refused requests of the page that were refused, each as "URL: why" (at most a few)
         */
        record Rendered(String html, List<String> refused) implements Rendering {
            public Rendered {
                refused = List.copyOf(refused);
            }
        }

        /** No rendering: {@code reason} is a sentence naming the cause and what to do about it. */
        record Failed(Failure kind, String reason) implements Rendering {}
    }

    /** Why a page was not rendered. */
    enum Failure {
        /** The page did not finish loading (its requests included) within the deadline. */
        TIMEOUT,
        /** No browser could be started (none installed, or it fails to start). */
        UNAVAILABLE,
        /** The rendered page was larger than allowed. */
        TOO_LARGE,
        /** The browser failed while rendering (it crashed, or the page could not be loaded). */
        FAILED
    }
}
