package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawls of loopback sites whose pages need an {@code Authorization} or a {@code Cookie}: the headers reach the seed's
 * host only (pages, robots.txt, and each redirect hop that lands there), never the second loopback server, addressed
 * as {@code localhost} while the seed is {@code 127.0.0.1}; and no log line or API answer carries a value.
 */
class AuthenticatedCrawlIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String TOKEN = "Bearer tok-7Hq2-secret-value";
    private static final String COOKIE = "session=cookie-9Zx4-secret-value";
    private static final List<String> SECRETS = List.of("tok-7Hq2", "cookie-9Zx4");

    @TempDir
    Path data;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream stderr;
    private TestApp app;
    private TestSite site;
    private TestSite other;
    private TestApi api;

    @BeforeEach
    void start() {
        stderr = System.err;
        System.setErr(new PrintStream(new Tee(stderr, log), true, StandardCharsets.UTF_8));
        app = TestApp.start(data);
        site = TestSite.withGeneratedSite(1);
        other = TestSite.withGeneratedSite(1);
        api = app.newOwner();
        String elsewhere = "http://localhost:" + other.port();
        gated(
                "/app/",
                "Authorization",
                TOKEN,
                Map.of(
                        "/app/",
                                page(
                                        "Members area",
                                        "The members area opens with the harbour master's ledger.",
                                        "/app/guide",
                                        "/app/private",
                                        "/app/hop",
                                        elsewhere + "/linked"),
                        "/app/guide", page("Guide", "Tide tables are posted at the north quay every Monday morning."),
                        "/app/private", page("Private", "Never crawled: robots.txt read with the token disallows it."),
                        "/app/back",
                                page("Back again", "Pilots board incoming vessels two miles off the breakwater.")));
        site.route(TestSite.ROBOTS, exchange -> {
            boolean signedIn = TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (signedIn ? "User-agent: *\nDisallow: /app/private\n" : "login required")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(signedIn ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
        });
        // A redirect to the other host, which sends the crawler back to the seed's host.
        site.redirect("/app/hop", 302, elsewhere + "/bounce");
        other.redirect("/bounce", 302, site.origin() + "/app/back");
        gated(
                "/members/",
                "Cookie",
                COOKIE,
                Map.of(
                        "/members/", page("Members", "The rowing club meets at dawn on the slipway.", "/members/rota"),
                        "/members/rota", page("Rota", "Saturday crews launch from the east pontoon.")));
    }

    @AfterEach
    void stop() {
        app.close();
        site.close();
        other.close();
        System.setErr(stderr);
    }

    @Test
    void aBearerTokenIsSentToTheSeedsHostOnlyAndEveryHopDecidesAnew() {
        Kb kb = Kb.create(api);
        String jobId = kb.crawl(
                Map.of("url", site.origin() + "/app/", "sitemap", "skip", "headers", Map.of("Authorization", TOKEN)));

        JsonNode job = kb.awaitFinished(jobId, WITHIN);

        JsonNode pages = pages(kb, jobId);
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(outcome(pages, site.origin() + "/app/")).isEqualTo("ingested");
        assertThat(outcome(pages, site.origin() + "/app/guide")).isEqualTo("ingested");
        assertThat(outcome(pages, site.origin() + "/app/private")).isEqualTo("robots");
        assertThat(outcome(pages, site.origin() + "/app/hop")).isEqualTo("ingested");
        assertThat(site.requests().stream().filter(r -> r.pathAndQuery().startsWith("/app/")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(TOKEN));
        assertThat(site.requests().stream().filter(r -> r.pathAndQuery().equals(TestSite.ROBOTS)))
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(TOKEN));
        assertThat(other.hits("/bounce")).isEqualTo(1);
        assertThat(other.hits("/linked")).isZero();
        assertThat(other.requests()).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isNull();
            assertThat(r.header("Cookie")).isNull();
        });
        JsonNode hits = kb.query("When do pilots board incoming vessels?", 3, 0.0);
        assertThat(hits.toString()).contains("Pilots board incoming vessels two miles off the breakwater.");
        assertNoSecretIn(kb, jobId);
    }

    @Test
    void aCookieOpensACookieGatedSiteAndWithoutHeadersItsPagesFail() {
        Kb kb = Kb.create(api);
        String withCookie = kb.crawl(
                Map.of("url", site.origin() + "/members/", "sitemap", "skip", "headers", Map.of("Cookie", COOKIE)));
        String without = kb.crawl(Map.of("url", site.origin() + "/app/", "sitemap", "skip"));

        kb.awaitFinished(withCookie, WITHIN);
        JsonNode refused = kb.awaitFinished(without, WITHIN);

        JsonNode pages = pages(kb, withCookie);
        assertThat(outcome(pages, site.origin() + "/members/")).isEqualTo("ingested");
        assertThat(outcome(pages, site.origin() + "/members/rota")).isEqualTo("ingested");
        assertThat(refused.path("status").asText()).isEqualTo("failed");
        assertThat(pages(kb, without).path("pages").get(0).path("httpStatus").asInt())
                .isEqualTo(401);
        assertNoSecretIn(kb, withCookie);
    }

    @Test
    void invalidHeadersAreAllListedAtOnceWithoutEchoingAValue() {
        Kb kb = Kb.create(api);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Host", "evil.test");
        headers.put("User-Agent", "NotGleaner");
        headers.put("Bad Name", "x");
        headers.put("X-Line", "tok-7Hq2\r\nX-Injected: 1");
        headers.put("X-Nul", "tok-7Hq2\u0000");
        headers.put("X-Number", 5);
        headers.put("authorization", TOKEN);
        headers.put("Authorization", TOKEN);

        TestApi.Response response =
                api.post(kb.path() + "/crawl", Map.of("url", site.origin() + "/app/", "headers", headers));

        assertThat(response.status()).isEqualTo(400);
        JsonNode details = response.json().path("error").path("details");
        assertThat(details.path("headers.Host").asText()).contains("set by the crawler");
        assertThat(details.path("headers.User-Agent").asText()).contains("set by the crawler");
        assertThat(details.path("headers.Bad Name").asText()).contains("not a valid header name");
        assertThat(details.path("headers.X-Line").asText()).contains("line breaks");
        assertThat(details.path("headers.X-Nul").asText()).contains("NUL");
        assertThat(details.path("headers.X-Number").asText()).contains("must be a string");
        assertThat(details.path("headers.Authorization").asText()).contains("given twice");
        assertThat(response.text()).doesNotContain("tok-7Hq2").doesNotContain("evil.test");
        assertThat(kb.jobs()).isEmpty();
    }

    @Test
    void tooManyOrTooLargeHeadersAreRefusedNamingTheLimit() {
        Kb kb = Kb.create(api);
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("X-H" + i, "v");
        }
        Map<String, Object> large = Map.of("X-Big", "a".repeat(8 * 1024));

        TestApi.Response tooMany = api.post(kb.path() + "/crawl", Map.of("url", site.origin() + "/", "headers", many));
        TestApi.Response tooLarge =
                api.post(kb.path() + "/crawl", Map.of("url", site.origin() + "/", "headers", large));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("error").path("details").path("headers").asText())
                .contains("at most 20 entries");
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.json().path("error").path("details").path("headers").asText())
                .contains("at most 8192 bytes");
    }

    /** The job, the jobs listing, the pages listing and the server's log hold none of the header values. */
    private void assertNoSecretIn(Kb kb, String jobId) {
        String answers = kb.job(jobId).toString()
                + kb.jobs()
                + pages(kb, jobId)
                + api.get(kb.path() + "/crawl/jobs?limit=100").text();
        // A line through the logging the server uses: the capture must see it, or it proves nothing.
        org.slf4j.LoggerFactory.getLogger(AuthenticatedCrawlIT.class).warn("log capture check {}", jobId);
        System.err.flush();
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("the capture sees the server's log").contains("log capture check " + jobId);
        for (String secret : SECRETS) {
            assertThat(answers).doesNotContain(secret);
            assertThat(logged).doesNotContain(secret);
        }
    }

    /** Serves {@code pages} under {@code prefix} only to requests whose {@code header} is {@code value}; else 401. */
    private void gated(String prefix, String header, String value, Map<String, String> pages) {
        site.routeUnder(prefix, exchange -> {
            String path = exchange.getRequestURI().getPath();
            String html = pages.get(path);
            if (!value.equals(exchange.getRequestHeaders().getFirst(header))) {
                send(exchange, 401, "sign in first");
            } else if (html == null) {
                send(exchange, 404, "no such page");
            } else {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                send(exchange, 200, html);
            }
        });
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String page(String title, String text, String... links) {
        StringBuilder html = new StringBuilder("<html><head><title>" + title + "</title></head><body><main><h1>")
                .append(title)
                .append("</h1><p>")
                .append(text)
                .append("</p>");
        for (String link : links) {
            html.append("<p><a href=\"").append(link).append("\">").append(link).append("</a></p>");
        }
        return html.append("</main></body></html>").toString();
    }

    private JsonNode pages(Kb kb, String jobId) {
        TestApi.Response response = api.get(kb.path() + "/crawl/jobs/" + jobId + "/pages?limit=100");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static String outcome(JsonNode listing, String url) {
        for (JsonNode page : listing.path("pages")) {
            if (page.path("url").asText().equals(url)) {
                return page.path("outcome").asText();
            }
        }
        throw new AssertionError("No page " + url + " in " + listing);
    }

    /** Writes to the real stderr and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
