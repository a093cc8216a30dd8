package dev.gleaner.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The web UI: plain HTML, CSS and ES modules under {@code /ui} on the classpath, served at {@code /} without a key (the
 * page itself asks for one and sends it to the API). The browser keeps a developer key for this origin, so every file is
 * sent with a strict Content-Security-Policy: only this origin's scripts, styles and connections, no inline script, no
 * framing. A path that is no file falls through to the API's routing, so an unknown route still answers 404 in the JSON
 * error shape.
 */
final class WebUi {
    static final String RESOURCE_DIRECTORY = "/ui";
    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private WebUi() {}

    static void configure(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = RESOURCE_DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = Map.of(
                    "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                    "X-Content-Type-Options", "nosniff",
                    "Referrer-Policy", "no-referrer",
                    "X-Frame-Options", "DENY",
                    // The page is small and changes with every release; always revalidate.
                    "Cache-Control", "no-cache");
        });
    }
}
