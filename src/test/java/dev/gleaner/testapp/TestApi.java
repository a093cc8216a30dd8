package dev.gleaner.testapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gleaner.api.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A client of the running API. Every response is checked against the project's OpenAPI document (and, for the jobs
 * listing, the authoritative Pathors schema; its 404 is not described there) before a test sees it, so every API test
 * is also a contract test.
 */
public final class TestApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final OpenApiContract OURS = OpenApiContract.ours();
    private static final OpenApiContract PATHORS = OpenApiContract.pathors();
    private static final java.util.regex.Pattern JOBS_LISTING =
            java.util.regex.Pattern.compile("/v1/projects/[^/]+/knowledgebases/[^/]+/crawl/jobs(\\?.*)?");
    /** The statuses the authoritative Pathors document describes for the jobs listing. */
    private static final java.util.Set<Integer> PATHORS_STATUSES = java.util.Set.of(200, 400, 401, 500);

    private final int port;
    private final @Nullable String key;
    /** The Authorization header sent as it is; null sends none. */
    private final @Nullable String authorization;

    TestApi(int port, @Nullable String key) {
        this(port, key, key == null ? null : "Bearer " + key);
    }

    private TestApi(int port, @Nullable String key, @Nullable String authorization) {
        this.port = port;
        this.key = key;
        this.authorization = authorization;
    }

    /** An HTTP exchange's result. {@code json} is a MissingNode when the body is not JSON. */
    @SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
    public record Response(
            int status, String contentType, byte[] body, JsonNode json, java.net.http.HttpHeaders headers) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The first value of a response header, or null. */
        public @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** A client of a server started elsewhere (e.g. a child process) on {@code port}, with this key. */
    public static TestApi forPort(int port, @Nullable String key) {
        return new TestApi(port, key);
    }

    public @Nullable String key() {
        return key;
    }

    public TestApi withKey(@Nullable String otherKey) {
        return new TestApi(port, otherKey);
    }

    /** A client that sends exactly {@code header} as its Authorization header, for tests of malformed credentials. */
    public TestApi withAuthorization(String header) {
        return new TestApi(port, null, header);
    }

    public Response get(String path) {
        return send("GET", path, null, "application/json");
    }

    public Response delete(String path) {
        return send("DELETE", path, null, "application/json");
    }

    public Response post(String path, Object body) {
        return send("POST", path, body instanceof String s ? s : write(body), "application/json");
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body instanceof String s ? s : write(body), "application/json");
    }

    /** Sends exactly what it is given, for tests of malformed input. */
    public Response send(String method, String path, @Nullable String body, String contentType) {
        Response result = exchange(method, path, body, contentType);
        OURS.assertResponse(method, path, result.status(), result.contentType(), result.body());
        if (method.equals("GET")
                && JOBS_LISTING.matcher(path).matches()
                && PATHORS_STATUSES.contains(result.status())) {
            PATHORS.assertResponse(method, path, result.status(), result.contentType(), result.body());
        }
        return result;
    }

    /**
     * Sends exactly what it is given without checking the response against a document, for what no document can
     * describe: routes that do not exist and methods a route does not have.
     */
    public Response sendUnchecked(String method, String path, @Nullable String body, String contentType) {
        return exchange(method, path, body, contentType);
    }

    /**
     * Posts one file as the multipart/form-data part {@code part}, with the given file name and part content type
     * (none when null), and checks the response against the project's document.
     */
    public Response upload(String path, String part, String filename, @Nullable String contentType, byte[] bytes) {
        String boundary = "gleaner-test-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + filename + "\"\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Response result = exchange(
                "POST",
                path,
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
                "multipart/form-data; boundary=" + boundary);
        OURS.assertResponse("POST", path, result.status(), result.contentType(), result.body());
        return result;
    }

    private Response exchange(String method, String path, @Nullable String body, String contentType) {
        return exchange(
                method,
                path,
                body == null ? null : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                contentType);
    }

    private Response exchange(
            String method, String path, HttpRequest.@Nullable BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Response(
                    response.statusCode(), type, response.body(), parse(type, response.body()), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String contentType, byte[] body) {
        if (!contentType.startsWith("application/json") || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(
                    "Response declared JSON but is not: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
