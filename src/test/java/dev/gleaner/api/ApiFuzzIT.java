package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.RawHttp;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws about 10,000 malformed request bodies, query strings, paths, methods and headers at the real application (raw HTTP over a
 * socket, so that nothing is cleaned up by a client library) and checks that every answer has a documented status,
 * that every error is in the API's error shape (JSON with {@code error.message} and a known {@code error.code}), and
 * that no refused request wrote anything: the owner's projects, knowledgebases, jobs and datasets are exactly those the
 * accepted requests created. The crawl route only ever gets bodies with an unknown field, so no fuzzed request can make
 * the crawler fetch anything.
 */
class ApiFuzzIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A run stops after this many failures: enough to see the pattern. */
    private static final int MAX_REPORTED = 20;
    /** Every status the API documents, plus those the HTTP layer answers for requests it cannot take. */
    private static final Set<Integer> DOCUMENTED =
            Set.of(200, 201, 202, 400, 401, 404, 405, 408, 409, 413, 414, 415, 417, 429, 431, 503, 505);

    private static final Set<String> CODES = Set.of(
            "bad_request",
            "unauthorized",
            "not_found",
            "conflict",
            "payload_too_large",
            "unsupported_media_type",
            "rate_limited",
            "internal",
            "unavailable");
    private static final List<String> FIELDS = List.of(
            "name",
            "type",
            "embeddingModelName",
            "chunkSize",
            "chunkOverlap",
            "url",
            "urls",
            "mode",
            "limit",
            "maxDepth",
            "includePaths",
            "excludePaths",
            "sitemap",
            "webhook",
            "headers",
            "isEnabled",
            "q");
    private static final List<String> SEGMENTS = List.of(
            "v1",
            "projects",
            "knowledgebases",
            "datasets",
            "chunks",
            "crawl",
            "jobs",
            "pages",
            "webhooks",
            "token",
            "query",
            "health",
            "metrics",
            "openapi.json",
            "..",
            ".",
            "",
            "proj_x",
            "kb_x",
            "job_x",
            "%00",
            "%2F",
            "%2e%2e",
            "%C0%AF",
            "%ED%A0%80",
            "%FF",
            "%",
            "%zz",
            ";x=1",
            "a b");
    private static final List<String> METHODS =
            List.of("GET", "POST", "PUT", "PATCH", "HEAD", "OPTIONS", "TRACE", "BREW", "get", "G\u00c9T", "");
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/json; charset=utf-16",
            "APPLICATION/JSON",
            "text/plain",
            "multipart/form-data",
            "multipart/form-data; boundary=b",
            "multipart/form-data; boundary=",
            "application/x-www-form-urlencoded",
            "",
            ";;;",
            "application/json; charset=nonsense");
    private static final List<String> HEADER_NAMES = List.of(
            "Authorization",
            "Content-Type",
            "Content-Length",
            "Transfer-Encoding",
            "Host",
            "Accept",
            "Accept-Charset",
            "Expect",
            "Connection",
            "Last-Event-ID",
            "Cookie",
            "X-Forwarded-For",
            "If-None-Match",
            "Range");

    private static TestApp app;
    private static Kb kb;
    private static TestApi api;
    private static final AtomicInteger PROJECTS = new AtomicInteger(1);
    private static final AtomicInteger KNOWLEDGEBASES = new AtomicInteger(1);
    private static final AtomicInteger DATASETS = new AtomicInteger(0);

    @BeforeAll
    static void start(@TempDir Path data) {
        // Short limits, so that a request announcing more than it sends is closed quickly.
        app = TestApp.start(
                data, config -> config.withHttp(h -> h.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), 64)));
        api = app.newOwner();
        kb = Kb.create(api);
    }

    @AfterAll
    static void stop() {
        try {
            assertNothingElseWritten();
        } finally {
            app.close();
        }
    }

    @Test
    void malformedBodiesAreRefusedInTheErrorShape() {
        fuzz("bodies", 3_000, random -> {
            Target target = target(random);
            String body = body(random);
            String type = contentType(random);
            String sent = target.path().endsWith("/crawl") ? withUnknownField(body) : body;
            byte[] bytes = sent.getBytes(StandardCharsets.UTF_8);
            String head = target.method() + " " + target.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + api.key() + "\r\n"
                    + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n") + "Content-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n";
            RawHttp.Response response = RawHttp.exchange(app.port(), concat(head, bytes));
            count(target, response);
            return check(target.method() + " " + target.path() + " " + type + " " + abbreviate(sent), response);
        });
    }

    @Test
    void malformedQueryStringsAreRefusedInTheErrorShape() {
        fuzz("query strings", 3_000, random -> {
            String path = listing(random);
            String query = queryString(random);
            String request = "GET " + path + "?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + api.key() + "\r\nConnection: close\r\n\r\n";
            return check("GET " + path + "?" + abbreviate(query), RawHttp.exchange(app.port(), request));
        });
    }

    @Test
    void malformedPathsAndMethodsAreRefusedInTheErrorShape() {
        fuzz("paths and methods", 2_500, random -> {
            String method = method(random);
            String path = path(random);
            boolean authenticated = random.nextBoolean();
            String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (authenticated ? "Authorization: Bearer " + api.key() + "\r\n" : "")
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n";
            RawHttp.Response response = RawHttp.exchange(app.port(), request);
            if (method.equals("HEAD")) { // no body to check
                return DOCUMENTED.contains(response.status()) ? null : response.status() + " for HEAD " + path;
            }
            return check(method + " " + abbreviate(path), response);
        });
    }

    @Test
    void malformedHeadersAreRefusedInTheErrorShape() {
        fuzz("headers", 2_000, random -> {
            boolean post = random.nextBoolean();
            StringBuilder request =
                    new StringBuilder(post ? "POST /v1/projects" : "GET /v1/projects/" + kb.projectId());
            request.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (Map.Entry<String, String> header : headers(random)) {
                request.append(header.getKey())
                        .append(": ")
                        .append(header.getValue())
                        .append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            // An unknown field: even with a valid key and framing, the body cannot create a project.
            request.append("{\"name\": \"fuzz\", \"fuzz\": 1}");
            return check(abbreviate(request.toString()), RawHttp.exchange(app.port(), request.toString()));
        });
    }

    /**
     * Runs {@code tries} requests, each made by {@code attempt} from a generator seeded with the base seed plus the
     * try's number (so any failure is reproduced by its seed alone), and fails listing every answer outside the
     * contract. The base seed is {@code -Dgleaner.fuzz.seed}, else a new one per run, printed on failure.
     */
    private static void fuzz(
            String what, int tries, java.util.function.Function<SplittableRandom, @Nullable String> attempt) {
        long seed = Long.getLong("gleaner.fuzz.seed", System.nanoTime());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < tries && failures.size() < MAX_REPORTED; i++) {
            String failure;
            try {
                failure = attempt.apply(new SplittableRandom(seed + i));
            } catch (RuntimeException | AssertionError e) {
                failure = e.toString();
            }
            if (failure != null) {
                failures.add("seed " + (seed + i) + ": " + failure);
            }
        }
        assertThat(failures).as(what + " (base seed " + seed + ")").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A route and method that takes a body. */
    record Target(String method, String path) {}

    private static Target target(SplittableRandom random) {
        String project = "/v1/projects/" + kb.projectId();
        return pick(
                random,
                List.of(
                        new Target("POST", "/v1/projects"),
                        new Target("POST", project + "/knowledgebases"),
                        new Target("PATCH", kb.path()),
                        new Target("POST", kb.path() + "/crawl"),
                        new Target("POST", kb.path() + "/crawl/events/token"),
                        new Target("POST", kb.path() + "/datasets"),
                        new Target("PATCH", kb.path() + "/datasets/dataset_x/chunks/chunk_x"),
                        new Target("POST", kb.path() + "/query"),
                        new Target("PUT", project)));
    }

    private static String body(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> text(random, 200, Character.MIN_VALUE, Character.MAX_VALUE);
            case 1 -> text(random, 100, '\u0000', '\u00ff');
            case 2 -> render(jsonValue(random, 3));
            case 3 -> render(jsonObject(random, 3));
            case 4 -> mutate(render(jsonObject(random, 2)), random);
            default -> multipart(random);
        };
    }

    private static String contentType(SplittableRandom random) {
        return random.nextInt(4) == 0 ? text(random, 40, ' ', '~') : pick(random, CONTENT_TYPES);
    }

    private static String listing(SplittableRandom random) {
        String project = "/v1/projects/" + kb.projectId();
        return pick(
                random,
                List.of(
                        "/v1/projects",
                        project,
                        project + "/knowledgebases",
                        kb.path(),
                        kb.path() + "/query",
                        kb.path() + "/datasets",
                        kb.path() + "/crawl/jobs",
                        kb.path() + "/crawl/jobs/job_x",
                        kb.path() + "/crawl/jobs/job_x/pages",
                        kb.path() + "/crawl/jobs/job_x/webhooks",
                        "/health",
                        "/metrics"));
    }

    private static String queryString(SplittableRandom random) {
        List<String> pairs = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            String key = random.nextBoolean()
                    ? pick(
                            random,
                            List.of("q", "topK", "scoreThreshold", "limit", "offset", "outcome", "cursor", "token"))
                    : encodedBytes(random, 8);
            String value =
                    switch (random.nextInt(3)) {
                        case 0 -> encodedBytes(random, 40);
                        case 1 ->
                            pick(
                                    random,
                                    List.of(
                                            "",
                                            "0",
                                            "-1",
                                            "1e309",
                                            "NaN",
                                            "0x10",
                                            "99999999999",
                                            "%",
                                            "%zz",
                                            "%E2%80%8B",
                                            "%00"));
                        default -> text(random, 20, '!', '~').replace("#", "%23");
                    };
            pairs.add(key + pick(random, List.of("=", "", "==")) + value);
        }
        return String.join("&", pairs);
    }

    private static String method(SplittableRandom random) {
        return random.nextInt(4) == 0 ? text(random, 3, 'A', 'Z') : pick(random, METHODS);
    }

    private static String path(SplittableRandom random) {
        int kind = random.nextInt(11);
        if (kind < 5) {
            return "/" + String.join("/", segments(random, 0, 8));
        }
        if (kind < 9) {
            String underKb = kb.path() + "/" + String.join("/", segments(random, 1, 3));
            // Never the job events stream: a valid one stays open by design.
            return underKb.contains("/events") ? kb.path() : underKb;
        }
        if (kind == 9) {
            return "/v1/" + "a".repeat(1_000 + random.nextInt(39_000));
        }
        return pick(random, List.of("*", "http://127.0.0.1/v1/projects", "//", "/v1/projects#x", "v1/projects"));
    }

    private static List<String> segments(SplittableRandom random, int min, int max) {
        List<String> segments = new ArrayList<>();
        for (int i = min + random.nextInt(max - min + 1); i > 0; i--) {
            segments.add(
                    switch (random.nextInt(3)) {
                        case 0 -> pick(random, SEGMENTS);
                        case 1 -> encodedBytes(random, 12);
                        default ->
                            text(random, 12, '!', '~').replace("?", "%3F").replace("#", "%23");
                    });
        }
        return segments;
    }

    private static List<Map.Entry<String, String>> headers(SplittableRandom random) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = random.nextInt(7); i > 0; i--) {
            String name = random.nextBoolean()
                    ? pick(random, HEADER_NAMES)
                    : "X" + text(random, 19, '!', '~').replace(":", "");
            String value =
                    switch (random.nextInt(3)) {
                        case 0 -> text(random, 60, ' ', '\u00ff');
                        case 1 ->
                            pick(
                                    random,
                                    List.of(
                                            "Bearer " + api.key(),
                                            "Bearer",
                                            "Basic Zm9vOmJhcg==",
                                            "chunked",
                                            "gzip, chunked",
                                            "-1",
                                            "99999999999999999999",
                                            "0",
                                            "27",
                                            "100-continue",
                                            "application/json",
                                            "multipart/form-data; boundary=x"));
                        default -> "v".repeat(9_000 + random.nextInt(11_000));
                    };
            headers.add(Map.entry(name, value));
        }
        return headers;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** What is wrong with the answer to {@code request}, or null when it is within the contract. */
    private static @Nullable String check(String request, RawHttp.Response response) {
        int status = response.status();
        String answer = " for " + request + " → " + status + " " + abbreviate(response.body());
        if (!DOCUMENTED.contains(status) || status == 500) {
            return "undocumented status" + answer;
        }
        if (status < 400) {
            return null;
        }
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            return "error not in JSON" + answer;
        }
        JsonNode error;
        try {
            error = MAPPER.readTree(response.body()).path("error");
        } catch (IOException e) {
            return "error body is not JSON" + answer;
        }
        if (error.path("message").asText().isBlank()
                || !CODES.contains(error.path("code").asText())) {
            return "error not in the error shape" + answer;
        }
        return null;
    }

    /** Counts what an accepted request created, to compare with what the store holds at the end. */
    private static void count(Target target, RawHttp.Response response) {
        if (response.status() != 201) {
            return;
        }
        if (target.path().equals("/v1/projects")) {
            PROJECTS.incrementAndGet();
        } else if (target.path().endsWith("/knowledgebases")) {
            KNOWLEDGEBASES.incrementAndGet();
        } else if (target.path().endsWith("/datasets")) {
            DATASETS.incrementAndGet();
        }
    }

    private static void assertNothingElseWritten() {
        assertThat(api.get("/v1/projects").json().path("data")).hasSize(PROJECTS.get());
        assertThat(api.get("/v1/projects/" + kb.projectId() + "/knowledgebases").json())
                .hasSize(KNOWLEDGEBASES.get());
        assertThat(kb.jobs()).isEmpty();
        JsonNode datasets = api.get(kb.path() + "/datasets?limit=1000").json();
        assertThat(datasets.size()).as(datasets.toString()).isEqualTo(DATASETS.get());
        assertThat(api.get(kb.path()).json().path("name").asText()).isEqualTo("test kb");
    }

    private static <T> T pick(SplittableRandom random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Up to {@code maxLength} characters drawn from [from, to] (lone surrogates included when in range). */
    private static String text(SplittableRandom random, int maxLength, char from, char to) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append((char) (from + random.nextInt(to - from + 1)));
        }
        return text.toString();
    }

    private static String encodedBytes(SplittableRandom random, int maxLength) {
        StringBuilder encoded = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            encoded.append('%').append(String.format(Locale.ROOT, "%02X", random.nextInt(256)));
        }
        return encoded.toString();
    }

    private static Object jsonValue(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth == 0 ? 10 : 12);
        return switch (kind) {
            case 0 -> text(random, 30, Character.MIN_VALUE, Character.MAX_VALUE);
            case 1 -> text(random, 3, '\ud800', '\udfff');
            case 2 -> text(random, 3, '\u0000', '\u001f');
            case 3 ->
                pick(random, List.of("", " ", "\u200b", "http://127.0.0.1:9/", "lucene", "batch", "crawl", "[", "(?<"));
            case 4 -> random.nextInt();
            case 5 -> random.nextLong();
            case 6 -> pick(random, List.of(0.5, -0.0, 1e308, 4.9e-324, Double.NaN, 1.0 / 3));
            case 7 -> random.nextBoolean();
            case 8 -> JsonNull.NULL;
            case 9 -> new java.math.BigInteger(100, new java.util.Random(random.nextLong())).negate();
            case 10 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(jsonValue(random, depth - 1));
                }
                yield list;
            }
            default -> jsonObject(random, depth - 1);
        };
    }

    private static Map<String, Object> jsonObject(SplittableRandom random, int depth) {
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        for (int i = random.nextInt(7); i > 0; i--) {
            String field = random.nextInt(4) == 0
                    ? text(random, 10, Character.MIN_VALUE, Character.MAX_VALUE)
                    : pick(random, FIELDS);
            object.put(field, jsonValue(random, Math.max(0, depth - 1)));
        }
        return object;
    }

    private static String multipart(SplittableRandom random) {
        return "--b\r\nContent-Disposition: form-data; name=\"" + pick(random, List.of("dataset", "file", ""))
                + "\"; filename=\""
                + pick(random, List.of("a.txt", "a.pdf", "a.docx", "", "../../etc/passwd", "a\u0000.txt"))
                + "\"\r\n\r\n" + text(random, 80, '\u0000', '\u00ff') + "\r\n--b--\r\n";
    }

    /** JSON null, distinct from Java null (which the generators cannot produce). */
    enum JsonNull {
        NULL
    }

    /** JSON text for a generated value, every character outside printable ASCII escaped (lone surrogates too). */
    private static String render(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case JsonNull ignored -> out.append("null");
            case String text -> {
                out.append('"');
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
                out.append('"');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(String.valueOf(entry.getKey()), out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
            case Double d when d.isNaN() || d.isInfinite() -> out.append("1e999");
            default -> out.append(value);
        }
    }

    /** Inserts, replaces or deletes one character of {@code json}. */
    private static String mutate(String json, SplittableRandom random) {
        char with = (char) random.nextInt(Character.MAX_VALUE + 1);
        if (json.isEmpty()) {
            return String.valueOf(with);
        }
        int at = random.nextInt(json.length());
        return switch (random.nextInt(3)) {
            case 0 -> json.substring(0, at) + with + json.substring(at);
            case 1 -> json.substring(0, at) + with + json.substring(at + 1);
            default -> json.substring(0, at) + json.substring(at + 1);
        };
    }

    /** A body the crawl route must refuse: a JSON object gets an unknown field; anything else is refused anyway. */
    private static String withUnknownField(String body) {
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree instanceof ObjectNode object) {
                object.put("fuzzUnknownField", 1);
                return MAPPER.writeValueAsString(object);
            }
        } catch (IOException e) {
            // Not JSON: refused as such.
        }
        return body;
    }

    private static byte[] concat(String head, byte[] body) {
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
    }
}
