package dev.gleaner.testsite;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A site under {@link #ROOT} of a {@link TestSite} whose pages a test adds, edits, unlinks and removes between syncs.
 * {@link #ROOT} is the index: a {@code noindex} page (it is never a dataset itself, so a change report counts only
 * the pages) linking to every linked page; {@link #SITEMAP} lists the same pages. A page is served with its text
 * while it exists, linked or not; a removed page answers the status it was removed with (404 or 410), and a page made
 * to fail answers 503 (still linked). A held page answers only once released. Any other path under {@link #ROOT} is a
 * 404.
 */
public final class MutableSite {
    public static final String ROOT = "/mutable/";
    public static final String SITEMAP = ROOT + "sitemap.xml";

    /** One page: its sentence, whether the index links to it, and the status it answers (200 while it is served). */
    private record Page(String text, boolean linked, int status) {}

    /** The longest a held page keeps its request waiting, so a test that forgets to release it still ends. */
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

    private final TestSite site;
    private final Map<String, Page> pages = new ConcurrentSkipListMap<>();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

    private MutableSite(TestSite site) {
        this.site = site;
    }

    /** Installs an empty mutable site on {@code site}. */
    public static MutableSite on(TestSite site) {
        MutableSite mutable = new MutableSite(site);
        site.routeUnder(ROOT, mutable::handle);
        return mutable;
    }

    /** The index page, the seed of a crawl of this site. */
    public URI index() {
        return site.url(ROOT);
    }

    /** The URL of the page {@code name}. */
    public URI url(String name) {
        return site.url(ROOT + name);
    }

    /** Adds (or replaces) the page {@code name}, served and linked, holding {@code text}. */
    public MutableSite put(String name, String text) {
        pages.put(name, new Page(text, true, 200));
        return this;
    }

    /** Changes the text of the page {@code name}, keeping whether it is linked. */
    public MutableSite edit(String name, String text) {
        pages.put(name, new Page(text, existing(name).linked(), 200));
        return this;
    }

    /** Takes the link to {@code name} off the index (and the sitemap); the page itself is still served. */
    public MutableSite unlink(String name) {
        Page page = existing(name);
        pages.put(name, new Page(page.text(), false, page.status()));
        return this;
    }

    /**
     * Removes the page: it answers {@code status} (404 or 410) from now on, while the index still links to it (a
     * broken link, as a site's other pages often keep) unless it is also {@linkplain #unlink unlinked}.
     */
    public MutableSite remove(String name, int status) {
        Page page = existing(name);
        pages.put(name, new Page(page.text(), page.linked(), status));
        return this;
    }

    /** Makes the page answer 503 (a transient failure), still linked. */
    public MutableSite failTransiently(String name) {
        Page page = existing(name);
        pages.put(name, new Page(page.text(), page.linked(), 503));
        return this;
    }

    /** Serves the page again as it was before it failed or was removed, linked. */
    public MutableSite restore(String name) {
        pages.put(name, new Page(existing(name).text(), true, 200));
        return this;
    }

    /** Makes requests for the page wait until {@link #release} (at most {@link #HOLD_LIMIT}). */
    public MutableSite hold(String name) {
        held.put(name, new CountDownLatch(1));
        return this;
    }

    /** Lets the held requests for the page go on, and the next ones answer at once. */
    public MutableSite release(String name) {
        CountDownLatch latch = held.remove(name);
        if (latch != null) {
            latch.countDown();
        }
        return this;
    }

    /** The URLs of the pages a crawl of the index finds and imports now: linked and served. */
    public List<String> currentPages() {
        return pages.entrySet().stream()
                .filter(page -> page.getValue().linked() && page.getValue().status() == 200)
                .map(page -> url(page.getKey()).toString())
                .toList();
    }

    private Page existing(String name) {
        Page page = pages.get(name);
        if (page == null) {
            throw new IllegalArgumentException("No page " + name + " on the mutable site");
        }
        return page;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(ROOT)) {
            send(exchange, 200, "text/html; charset=utf-8", indexHtml());
            return;
        }
        if (path.equals(SITEMAP)) {
            send(exchange, 200, "application/xml", sitemapXml());
            return;
        }
        String name = path.substring(ROOT.length());
        CountDownLatch latch = held.get(name);
        if (latch != null) {
            try {
                latch.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Page page = pages.get(name);
        if (page == null || page.status() == 404 || page.status() == 410) {
            send(exchange, page == null ? 404 : page.status(), "text/plain", "Not here");
        } else if (page.status() != 200) {
            send(exchange, page.status(), "text/plain", "Try again later");
        } else {
            send(
                    exchange,
                    200,
                    "text/html; charset=utf-8",
                    "<!doctype html><html><head><title>" + name + "</title></head><body><main><h1>" + name + "</h1><p>"
                            + page.text() + "</p></main></body></html>");
        }
    }

    private String indexHtml() {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>Index</title>"
                + "<meta name=\"robots\" content=\"noindex\"></head><body><ul>");
        pages.forEach((name, page) -> {
            if (page.linked()) {
                html.append("<li><a href=\"")
                        .append(name)
                        .append("\">")
                        .append(name)
                        .append("</a></li>");
            }
        });
        return html.append("</ul></body></html>").toString();
    }

    private String sitemapXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        pages.forEach((name, page) -> {
            if (page.linked()) {
                xml.append("<url><loc>").append(url(name)).append("</loc></url>");
            }
        });
        return xml.append("</urlset>").toString();
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
