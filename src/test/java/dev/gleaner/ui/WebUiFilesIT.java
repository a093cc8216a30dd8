package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.testapp.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI's files over HTTP: served without a key, under a strict policy, beside the API's own 404s. */
class WebUiFilesIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start(data);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void everyFileIsServedWithoutAKeyUnderAStrictContentSecurityPolicy() throws Exception {
        for (String path : List.of(
                "/",
                "/index.html",
                "/app.js",
                "/api.js",
                "/jobfeed.js",
                "/jobsview.js",
                "/dom.js",
                "/excerpt.js",
                "/outcomes.js",
                "/datasetsview.js",
                "/kbsettings.js",
                "/kbcreate.js",
                "/upload.js",
                "/imports.js",
                "/searchview.js",
                "/sourcesview.js",
                "/app.css")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            String policy =
                    response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as(path).contains("default-src 'self'").contains("script-src 'self'");
            assertThat(policy).as(path).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(get("/").body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(get("/app.js").headers().firstValue("Content-Type").orElse(""))
                .contains("javascript");
        assertThat(get("/app.css").headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/css");
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() throws Exception {
        String html = get("/").body();
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(html).doesNotContain(" style=").doesNotContain("<style").doesNotContain("onclick=");
    }

    @Test
    void unknownPathsStillAnswerInTheJsonErrorShape() throws Exception {
        for (String path : List.of("/nope.js", "/v1/nope", "/ui/index.html")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            JsonNode error = JSON.readTree(response.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("not_found");
            assertThat(error.path("message").asText()).isNotBlank();
        }
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/v1/projects").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
