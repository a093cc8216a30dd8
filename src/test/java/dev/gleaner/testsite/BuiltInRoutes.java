package dev.gleaner.testsite;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/** The named routes every {@link TestSite} starts with. */
final class BuiltInRoutes {
    /** {@code /chain/0} … {@code /chain/<CHAIN_LENGTH>} exist. */
    static final int CHAIN_LENGTH = 20;

    private static final int WRITE_CHUNK = 8_192;

    private final TestSite site;
    private final Duration slowDelay;
    private final int bigBodyBytes;
    private final long gzipBombBytes;
    private byte @Nullable [] gzipBomb;

    BuiltInRoutes(TestSite site, Duration slowDelay, int bigBodyBytes, long gzipBombBytes) {
        this.site = site;
        this.slowDelay = slowDelay;
        this.bigBodyBytes = bigBodyBytes;
        this.gzipBombBytes = gzipBombBytes;
    }

    static HttpHandler notFound() {
        return exchange -> send(exchange, 404, "text/html; charset=utf-8", page("Not found", "<p>No such page.</p>"));
    }

    void register() {
        String origin = site.origin();
        for (int i = 0; i < site.site().pageCount(); i++) {
            int index = i;
            site.route(
                    GeneratedSite.path(i),
                    exchange -> send(
                            exchange,
                            200,
                            "text/html; charset=utf-8",
                            site.site().html(index, origin).getBytes(StandardCharsets.UTF_8)));
        }
        site.page("/", pageText("Welcome", "<p>Start reading the <a href=\"/site/\">Field Notes</a>.</p>"));
        site.route("/slow", this::slow);
        site.route("/missing", notFound());
        site.respond("/error", 500, "text/html; charset=utf-8", page("Error", "<p>Something broke.</p>"), Map.of());
        site.redirect("/redirect", 302, GeneratedSite.ROOT);
        site.redirect("/loop/a", 302, "/loop/b");
        site.redirect("/loop/b", 302, "/loop/a");
        for (int n = 1; n <= CHAIN_LENGTH; n++) {
            site.redirect("/chain/" + n, 302, "/chain/" + (n - 1));
        }
        site.page("/chain/0", pageText("End of the chain", "<p>The redirects end here.</p>"));
        site.route("/drip", BuiltInRoutes::drip);
        site.route("/big", exchange -> big(exchange, 0));
        site.route("/big-declared", exchange -> big(exchange, bigBodyBytes));
        site.route("/gzip-bomb", this::gzipBomb);
        site.page("/out", pageText("Elsewhere", outLinks(origin)));
        site.page("/out/a.html", pageText("Out A", "<p>An in-scope page below /out.</p><a href=\"b.html\">B</a>"));
        site.page("/out/b.html", pageText("Out B", "<p>Another in-scope page below /out.</p>"));
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        site.respond("/binary", 200, "application/octet-stream", binary, Map.of());
        site.respond(
                "/retry-after",
                429,
                "text/plain; charset=utf-8",
                "Too many requests.".getBytes(StandardCharsets.UTF_8),
                Map.of("Retry-After", "1"));
        site.redirect("/to-private", 302, "http://127.0.0.2:" + site.port() + "/");
    }

    private static String outLinks(String origin) {
        int port = Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
        return "<p>Links to other places.</p><ul>"
                + "<li><a href=\"http://127.0.0.2:" + port + "/x\">Another host</a></li>"
                + "<li><a href=\"http://example.invalid/\">A host that does not exist</a></li>"
                + "<li><a href=\"/site/\">The Field Notes</a></li>"
                + "<li><a href=\"/out/a.html\">Out A</a></li>"
                + "<li><a href=\"" + origin + "/out/b.html\">Out B</a></li>"
                + "</ul>";
    }

    private void slow(HttpExchange exchange) throws IOException {
        try {
            Thread.sleep(slowDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        send(exchange, 200, "text/html; charset=utf-8", page("Slow", "<p>Worth the wait.</p>"));
    }

    private static void drip(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        long drops = TestSite.DRIP_LENGTH.toMillis() / TestSite.DRIP_INTERVAL.toMillis();
        try {
            for (long i = 0; i < drops; i++) {
                body.write('.');
                body.flush();
                Thread.sleep(TestSite.DRIP_INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes {@code bigBodyBytes} bytes, chunked when {@code declared} is 0. */
    private void big(HttpExchange exchange, long declared) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, declared);
        byte[] chunk = new byte[WRITE_CHUNK];
        Arrays.fill(chunk, (byte) 'a');
        OutputStream body = exchange.getResponseBody();
        for (int written = 0; written < bigBodyBytes; written += WRITE_CHUNK) {
            body.write(chunk, 0, Math.min(WRITE_CHUNK, bigBodyBytes - written));
        }
    }

    private void gzipBomb(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        send(exchange, 200, "text/html; charset=utf-8", gzipBomb());
    }

    private synchronized byte[] gzipBomb() {
        if (gzipBomb == null) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                byte[] zeros = new byte[64 * 1024];
                for (long written = 0; written < gzipBombBytes; written += zeros.length) {
                    gzip.write(zeros, 0, (int) Math.min(zeros.length, gzipBombBytes - written));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gzipBomb = compressed.toByteArray();
        }
        return gzipBomb;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] page(String title, String body) {
        return pageText(title, body).getBytes(StandardCharsets.UTF_8);
    }

    private static String pageText(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>\n";
    }
}
