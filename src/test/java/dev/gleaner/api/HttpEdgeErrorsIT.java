package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.RawHttp;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTTP layer itself refuses (URI or headers too large, a request line that is not HTTP, an unknown method) and
 * input that only looks like text (blank after Unicode trimming, control characters, lone surrogates) is answered in
 * the error shape with the right status, through the real application.
 */
class HttpEdgeErrorsIT {
    private static final String JSON = "application/json";
    private static final OpenApiContract CONTRACT = OpenApiContract.ours();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static TestApp app;

    @BeforeAll
    static void start(@TempDir Path data) {
        app = TestApp.start(data);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void uriTooLongIsAnErrorBody() {
        String request =
                "GET /v1/projects?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

        assertError(RawHttp.exchange(app.port(), request), 414, "bad_request");
    }

    @Test
    void headersTooLargeIsAnErrorBody() {
        String request =
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n";

        assertError(RawHttp.exchange(app.port(), request), 431, "bad_request");
    }

    @Test
    void requestLineThatIsNotHttpIsAnErrorBody() {
        for (String request : List.of(
                "GARBAGE\r\n\r\n",
                "GET /v1/projects HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /v1/\u0000projects HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/projects HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                "GET /v1/projects HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")) {
            RawHttp.Response response = RawHttp.exchange(app.port(), request);
            // An unknown HTTP version is Jetty's 505, still the client's mistake.
            assertThat(response.status()).as(request).isIn(400, 505);
            assertError(response, response.status(), "bad_request");
        }
    }

    @Test
    void unknownMethodIsAnErrorBody() {
        RawHttp.Response response =
                RawHttp.exchange(app.port(), "BREW /v1/projects HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isIn(400, 405);
        assertError(response, response.status(), "bad_request");
    }

    @Test
    void unknownRoutesOutsideTheApiAreErrorBodies() {
        for (String path : List.of("/nothing", "/health/x", "/v1", "/%2e%2e/etc/passwd", "/v1/projects/%00")) {
            RawHttp.Response response =
                    RawHttp.exchange(app.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).as(path).isBetween(400, 404);
            assertError(response, response.status(), response.status() == 401 ? "unauthorized" : codeOf(response));
        }
    }

    @Test
    void blankQueryAfterUnicodeTrimmingIsABadRequest() {
        Kb kb = Kb.create(app.newOwner());

        for (String q :
                List.of("%00", "%E2%80%8B", "%E2%80%8B%E2%80%8C%E2%80%8D%EF%BB%BF", "%C2%A0%E3%80%80", "%20%09%0A")) {
            TestApi.Response response = kb.api().get(kb.path() + "/query?q=" + q);
            assertThat(response.status()).as(q + ": " + response.text()).isEqualTo(400);
            assertThat(response.json().path("error").path("details").path("q").asText())
                    .as(q)
                    .isNotBlank();
        }
        TestApi.Response nul = kb.api().get(kb.path() + "/query?q=docs%00here");
        assertThat(nul.status()).as(nul.text()).isEqualTo(400);
        assertThat(nul.json().path("error").path("details").path("q").asText()).contains("control");
    }

    @Test
    void namesWithControlCharactersOrLoneSurrogatesAreBadRequests() {
        Kb kb = Kb.create(app.newOwner());
        TestApi api = kb.api();
        String knowledgebases = "/v1/projects/" + kb.projectId() + "/knowledgebases";

        for (String name : List.of(
                "a\\u0000b",
                "tab\\u0009name",
                "bell\\u0007",
                "\\ud800lone",
                "tail\\udc00",
                "\\u200b\\u200b",
                "del\\u007f")) {
            String body = "{\"name\": \"" + name + "\"}";
            TestApi.Response project = api.send("POST", "/v1/projects", body, JSON);
            TestApi.Response created = api.send("POST", knowledgebases, body, JSON);
            TestApi.Response renamed = api.send("PATCH", kb.path(), body, JSON);
            for (TestApi.Response response : List.of(project, created, renamed)) {
                assertThat(response.status()).as(name + ": " + response.text()).isEqualTo(400);
                assertThat(response.json()
                                .path("error")
                                .path("details")
                                .path("name")
                                .asText())
                        .as(name)
                        .isNotBlank();
            }
        }
        assertThat(api.get("/v1/projects").json().path("data")).hasSize(1);
        assertThat(api.get(knowledgebases).json()).hasSize(1);
        assertThat(api.get(kb.path()).json().path("name").asText()).isEqualTo("test kb");
        // A valid pair (an emoji) and non-Latin letters are fine.
        TestApi.Response emoji = api.send("POST", "/v1/projects", "{\"name\": \"docs \\ud83d\\udcda 文档\"}", JSON);
        assertThat(emoji.status()).as(emoji.text()).isEqualTo(201);
        assertThat(emoji.json().path("data").path("name").asText()).isEqualTo("docs \uD83D\uDCDA 文档");
    }

    @Test
    void duplicateAuthorizationHeadersAreABadRequest() {
        TestApi api = app.newOwner();
        String key = api.key();
        String request = "GET /v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                + "\r\nAuthorization: Bearer dk_other\r\nConnection: close\r\n\r\n";
        String same = "GET /v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                + "\r\nAuthorization: Bearer " + key + "\r\nConnection: close\r\n\r\n";
        String single = "GET /v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                + "\r\nConnection: close\r\n\r\n";

        for (String twice : List.of(request, same)) {
            RawHttp.Response response = RawHttp.exchange(app.port(), twice);
            assertError(response, 400, "bad_request");
            assertThat(json(response)
                            .path("error")
                            .path("details")
                            .path("Authorization")
                            .asText())
                    .contains("once");
        }
        assertThat(RawHttp.exchange(app.port(), single).status()).isEqualTo(200);
    }

    private static void assertError(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("content-type")).as(response.body()).startsWith(JSON);
        CONTRACT.assertSchema("ErrorBody", response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode json = json(response);
        assertThat(json.path("error").path("code").asText()).isEqualTo(code);
        assertThat(json.path("error").path("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "jetty", "javalin", "\tat ", "<h");
    }

    private static String codeOf(RawHttp.Response response) {
        return response.status() == 404 ? "not_found" : "bad_request";
    }

    private static JsonNode json(RawHttp.Response response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }
}
