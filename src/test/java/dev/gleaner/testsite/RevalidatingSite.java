package dev.gleaner.testsite;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The generated pages of a {@link TestSite}, served as a server that supports conditional requests: each page has an
 * {@code ETag} (changed by {@link #edit}) and a {@code Last-Modified}, and a request whose {@code If-None-Match}
 * matches the ETag (or, without one, whose {@code If-Modified-Since} is not before the page's last change) gets a 304
 * with no body. {@code /sitemap.xml} lists every page with its last change as {@code lastmod}. It counts the full
 * pages (200) and the 304s it served.
 */
public final class RevalidatingSite {
    /** The sitemap listing every page with its {@code lastmod}. */
    public static final String SITEMAP = "/sitemap.xml";

    private final TestSite site;
    private final ConcurrentHashMap<Integer, Integer> versions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Instant> changedAt = new ConcurrentHashMap<>();
    private final AtomicInteger fullPages = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final Instant lastChange;

    private RevalidatingSite(TestSite site, Instant lastChange) {
        this.site = site;
        this.lastChange = lastChange.truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < site.site().pageCount(); i++) {
            int index = i;
            site.route(GeneratedSite.path(i), exchange -> serve(exchange, index));
        }
        site.route(SITEMAP, this::sitemap);
    }

    /** Serves {@code site}'s generated pages with validators, all last changed at {@code lastChange}. */
    public static RevalidatingSite over(TestSite site, Instant lastChange) {
        return new RevalidatingSite(site, lastChange);
    }

    /** Changes page {@code index}'s text and ETag; its last change (and sitemap {@code lastmod}) becomes {@code at}. */
    public void edit(int index, Instant at) {
        versions.merge(index, 1, Integer::sum);
        changedAt.put(index, at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Full pages (200 with a body) served so far. */
    public int fullPages() {
        return fullPages.get();
    }

    /** 304 answers served so far. */
    public int notModified() {
        return notModified.get();
    }

    /** The URL of every page, page 0 first. */
    public List<URI> pages() {
        return IntStream.range(0, site.site().pageCount())
                .mapToObj(i -> site.url(GeneratedSite.path(i)))
                .toList();
    }

    /** The ETag page {@code index} has now. */
    public String etag(int index) {
        return "\"page-" + index + "-v" + versions.getOrDefault(index, 0) + "\"";
    }

    private void serve(HttpExchange exchange, int index) throws IOException {
        String etag = etag(index);
        Instant changed = changedAt(index);
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders()
                .set(
                        "Last-Modified",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(changed, ZoneOffset.UTC)));
        if (unchangedFor(exchange, etag, changed)) {
            notModified.incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        String html = site.site().html(index, site.origin());
        int version = versions.getOrDefault(index, 0);
        if (version > 0) {
            html = html.replace(
                    "</article>",
                    "<p>Revised edition " + version + ": the harbour ferry now sails at nine.</p></article>");
        }
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        fullPages.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private Instant changedAt(int index) {
        return changedAt.getOrDefault(index, lastChange);
    }

    private static boolean unchangedFor(HttpExchange exchange, String etag, Instant changed) {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.strip().equals(etag);
        }
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return !changed.isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void sitemap(HttpExchange exchange) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (int i = 0; i < site.site().pageCount(); i++) {
            xml.append("<url><loc>")
                    .append(site.url(GeneratedSite.path(i)))
                    .append("</loc><lastmod>")
                    .append(DateTimeFormatter.ISO_INSTANT.format(changedAt(i)))
                    .append("</lastmod></url>\n");
        }
        xml.append("</urlset>\n");
        byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }
}
