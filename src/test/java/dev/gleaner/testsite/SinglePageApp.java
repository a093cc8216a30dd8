package dev.gleaner.testsite;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A single-page application on a {@link TestSite}: {@code /spa/p/<n>} ({@code n} from 1 to {@code pages}) are the same
 * empty shell, a {@code <div id="root">} and a script; the script ({@code /spa/app.js}) fetches the page's JSON from the
 * same host ({@code /spa/data/<n>.json}) and only then writes the page's heading, its text (a sentence naming
 * {@link #word}{@code (n)}) and links to pages {@code 2n} and {@code 2n + 1}. Without JavaScript the pages have no text and no links.
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

    private final TestSite site;
    private final int pages;

    private SinglePageApp(TestSite site, int pages) {
        this.site = site;
        this.pages = pages;
    }

    /** Registers the application's routes on {@code site}. */
    public static SinglePageApp on(TestSite site, int pages) {
        SinglePageApp app = new SinglePageApp(site, pages);
        site.routeUnder(PREFIX + "p/", exchange -> send(exchange, "text/html; charset=utf-8", SHELL));
        site.route(PREFIX + "app.js", exchange -> send(exchange, "text/javascript", SCRIPT));
        site.routeUnder(PREFIX + "data/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring((PREFIX + "data/").length());
            int n = Integer.parseInt(name.replace(".json", ""));
            send(exchange, "application/json", app.json(n));
        });
        return app;
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
                + " before every crossing of the bar, whatever the wind says about it.\", \"next\": " + next + "}";
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, String type, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
