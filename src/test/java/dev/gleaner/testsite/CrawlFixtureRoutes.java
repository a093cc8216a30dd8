package dev.gleaner.testsite;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/** The routes a polite, trap-proof crawler is tested against: robots.txt, sitemaps, a calendar trap, page variants. */
final class CrawlFixtureRoutes {
    private static final Pattern MONTH_PAGE = Pattern.compile("/calendar/(\\d{1,4})/(\\d{1,2})");
    private static final String XML = "application/xml; charset=utf-8";

    private final TestSite site;
    private final @Nullable String robotsBody;
    private final int robotsStatus;

    CrawlFixtureRoutes(TestSite site, @Nullable String robotsBody, int robotsStatus) {
        this.site = site;
        this.robotsBody = robotsBody;
        this.robotsStatus = robotsStatus;
    }

    void register() {
        registerRobots();
        registerSitemaps();
        site.routeUnder("/calendar/", this::calendar);
        String origin = site.origin();
        site.page("/variants", html("Variants", variantLinks(origin)));
        site.redirect("/site", 301, GeneratedSite.ROOT);
        site.page(GeneratedSite.ROOT + "index.html", site.site().html(0, origin));
        site.page("/canonical-dup", site.site().html(1, origin));
        site.page(
                "/noindex",
                html(
                        "Not for the index",
                        "<p>This page asks not to be indexed; its links may be followed.</p>"
                                + "<a href=\"/out/a.html\">Out A</a>",
                        "noindex"));
        site.page(
                "/nofollow",
                html(
                        "Do not follow",
                        "<p>This page may be indexed, but its links must not be followed.</p>"
                                + "<a href=\"/out/b.html\">Out B</a>",
                        "nofollow"));
    }

    private void registerRobots() {
        if (robotsBody == null && robotsStatus == 404) {
            return;
        }
        byte[] body = (robotsBody != null ? robotsBody : "robots.txt answered " + robotsStatus + "\n")
                .getBytes(StandardCharsets.UTF_8);
        site.respond(TestSite.ROBOTS, robotsStatus, "text/plain; charset=utf-8", body, Map.of());
    }

    private void registerSitemaps() {
        String origin = site.origin();
        String index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                + "<sitemap><loc>" + origin + TestSite.SITEMAP_PAGES + "</loc></sitemap>\n"
                + "<sitemap><loc>" + origin + TestSite.SITEMAP_MORE_GZ + "</loc></sitemap>\n"
                + "</sitemapindex>\n";
        site.respond(TestSite.SITEMAP_INDEX, 200, XML, bytes(index), Map.of());
        site.respond(TestSite.SITEMAP_PAGES, 200, XML, bytes(urlset(site.listedIn(TestSite.SITEMAP_PAGES))), Map.of());
        site.respond(
                TestSite.SITEMAP_MORE_GZ,
                200,
                "application/gzip",
                gzip(bytes(urlset(site.listedIn(TestSite.SITEMAP_MORE_GZ)))),
                Map.of());
        String text = site.listedIn(TestSite.SITEMAP_TEXT).stream()
                .map(URI::toString)
                .collect(Collectors.joining("\n", "", "\n"));
        site.respond(TestSite.SITEMAP_TEXT, 200, "text/plain; charset=utf-8", bytes(text), Map.of());
    }

    private static String urlset(List<URI> pages) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (URI page : pages) {
            xml.append("<url><loc>").append(page).append("</loc><changefreq>weekly</changefreq></url>\n");
        }
        return xml.append("</urlset>\n").toString();
    }

    /** {@code /calendar/<year>/<month>}: a month page linking to the month before and after, without end. */
    private void calendar(HttpExchange exchange) throws IOException {
        Matcher month = MONTH_PAGE.matcher(exchange.getRequestURI().getPath());
        int number = month.matches() ? Integer.parseInt(month.group(2)) : 0;
        if (number < 1 || number > 12) {
            BuiltInRoutes.notFound().handle(exchange);
            return;
        }
        int index = Integer.parseInt(month.group(1)) * 12 + number - 1;
        String body = "<p>Nothing is planned in " + label(index) + ".</p>"
                + "<a href=\"" + monthPath(index - 1) + "\">Previous month</a> "
                + "<a href=\"" + monthPath(index + 1) + "\">Next month</a>";
        byte[] page = bytes(html("Calendar " + label(index), body));
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        exchange.getResponseBody().write(page);
    }

    static String monthPath(int monthIndex) {
        return String.format(
                Locale.ROOT, "/calendar/%d/%02d", Math.floorDiv(monthIndex, 12), Math.floorMod(monthIndex, 12) + 1);
    }

    private static String label(int monthIndex) {
        return String.format(Locale.ROOT, "%d-%02d", Math.floorDiv(monthIndex, 12), Math.floorMod(monthIndex, 12) + 1);
    }

    private static String variantLinks(String origin) {
        return "<p>One page under many names.</p><ul>"
                + "<li><a href=\"/site/\">Home</a></li>"
                + "<li><a href=\"/site\">Home without its slash</a></li>"
                + "<li><a href=\"/site/index.html\">Home by file name</a></li>"
                + "<li><a href=\"/site/?utm_source=variants&amp;utm_medium=link\">Home, tracked</a></li>"
                + "<li><a href=\"" + origin + "/site/page-1.html\">Page 1</a></li>"
                + "<li><a href=\"/site/page-1.html?fbclid=abc&amp;gclid=def\">Page 1, tracked</a></li>"
                + "</ul>";
    }

    private static String html(String title, String body) {
        return html(title, body, null);
    }

    private static String html(String title, String body, @Nullable String metaRobots) {
        String meta = metaRobots == null ? "" : "<meta name=\"robots\" content=\"" + metaRobots + "\">";
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" + meta + "<title>" + title
                + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
