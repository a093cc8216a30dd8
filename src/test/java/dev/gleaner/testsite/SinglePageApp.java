package dev.gleaner.testsite;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A single-page application on a {@link TestSite}: {@code /spa/p/<n>} ({@code n} from 1 to {@code pages}) are the same
 * empty shell, a {@code <div id="root">} and a script; the script ({@code /spa/app.js}) fetches the page's JSON from the
 * same host ({@code /spa/data/<n>.json}) and only then writes the page's heading, its text (a sentence naming
 * {@link #word}{@code (n)}) and links to pages {@code 2n} and {@code 2n + 1}. Without JavaScript the pages have no text and no links.
 * As static hosts do, the shell is served with an ETag ({@link #SHELL_ETAG}) and a matching {@code If-None-Match} gets a
 * 304, however the data behind it changes ({@link #edit}).
 */
public final class SinglePageApp {
    public static final String PREFIX = "/spa/";
    /** Every page's HTML as served: no text, no link. */
    public static final String SHELL =
            """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Tide almanac</title>
            <script src="/spa/app.js"></script></head>
            <body><div id="root"></div></body></html>
            """;

    static final String SCRIPT =
            """
            var n = location.pathname.split('/').pop();
            fetch('/spa/data/' + n + '.json').then(function (r) { return r.json(); }).then(function (page) {
              var root = document.getElementById('root');
              root.innerHTML = '<main><h1>' + page.title + '</h1><p>' + page.text + '</p>'
                + page.next.map(function (href) { return '<p><a href="' + href + '">Tide table</a></p>'; }).join('')
                + '</main>';
            });
            """;

    /** The shell's ETag: the same for every page, whatever its data says. */
    public static final String SHELL_ETAG = "\"shell-1\"";

    private final TestSite site;
    private final int pages;
    private final java.util.Map<Integer, String> edits = new java.util.concurrent.ConcurrentHashMap<>();

    private SinglePageApp(TestSite site, int pages) {
        this.site = site;
        this.pages = pages;
    }

    /** Registers the application's routes on {@code site}. */
    public static SinglePageApp on(TestSite site, int pages) {
        SinglePageApp app = new SinglePageApp(site, pages);
        site.routeUnder(PREFIX + "p/", SinglePageApp::shell);
        site.route(PREFIX + "app.js", exchange -> send(exchange, "text/javascript", SCRIPT));
        site.routeUnder(PREFIX + "data/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring((PREFIX + "data/").length());
            int n = Integer.parseInt(name.replace(".json", ""));
            send(exchange, "application/json", app.json(n));
        });
        return app;
    }

    /** From now on page {@code n}'s data says {@code sentence} after its usual text; its shell stays the same. */
    public void edit(int n, String sentence) {
        edits.put(n, sentence);
    }

    /** The URL of page {@code n}. */
    public URI page(int n) {
        return site.url(PREFIX + "p/" + n);
    }

    /** The word only page {@code n}'s text holds. */
    public static String word(int n) {
        return "tidemark" + n;
    }

    private String json(int n) {
        // Pages link as a binary tree (n to 2n and 2n + 1), so every page is a few hops from the first.
        StringBuilder next = new StringBuilder("[");
        for (int child = 2 * n; child <= Math.min(2 * n + 1, pages); child++) {
            next.append(next.length() > 1 ? ", " : "")
                    .append('"')
                    .append(PREFIX)
                    .append("p/")
                    .append(child)
                    .append('"');
        }
        next.append(']');
        return "{\"title\": \"High water, table " + n + "\", \"text\": \"On day " + n + " the harbour sees "
                + word(n) + " at dawn. Spring tides lift the moorings twice a day, and the pilots read the almanac"
                + " before every crossing of the bar, whatever the wind says about it. " + edits.getOrDefault(n, "")
                + "\", \"next\": " + next + "}";
    }

    private static void shell(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
        exchange.getResponseHeaders().set("ETag", SHELL_ETAG);
        if (SHELL_ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        send(exchange, "text/html; charset=utf-8", SHELL);
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, String type, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
