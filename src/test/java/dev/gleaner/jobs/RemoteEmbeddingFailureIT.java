package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.ingest.OpenAiEmbedder;
import dev.gleaner.ingest.OpenAiSettings;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote model that refuses the key fails the page with a reason saying so; the worker goes on. */
class RemoteEmbeddingFailureIT {
    private static final String MODEL = "remote-model";

    @Test
    void aRefusedKeyFailsThePageWithAClearReason(@TempDir Path data) throws Exception {
        HttpServer service = HttpServer.create(new InetSocketAddress(TestSite.ADDRESS, 0), 0);
        service.createContext("/v1/embeddings", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        service.start();
        URI base = URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/v1");
        OpenAiEmbedder remote =
                new OpenAiEmbedder(OpenAiSettings.of(base, "sk-wrong", MODEL, 8, 64, Duration.ofSeconds(60), 4));
        try (TestApp app =
                        TestApp.start(TestApp.config(data), List.of(new HashingEmbedder(TestApp.MODEL, 384), remote));
                TestSite site = TestSite.start()) {
            site.page("/a.html", "<html><head><title>A</title></head><body><p>Some words to embed.</p></body></html>");
            Kb kb = Kb.create(app.newOwner(), Map.of("embeddingModelName", MODEL));

            String jobId = kb.crawl(Map.of("url", site.url("/a.html").toString()));
            JsonNode job = kb.awaitFinished(jobId, Duration.ofSeconds(30));
            TestApi.Response pages = kb.api().get(kb.path() + "/crawl/jobs/" + jobId + "/pages");

            assertThat(job.path("failed").asLong()).as(job.toString()).isEqualTo(1);
            assertThat(pages.json().path("pages")).singleElement().satisfies(page -> {
                assertThat(page.path("outcome").asText()).isEqualTo("failed");
                assertThat(page.path("reason").asText()).contains(MODEL, "refused the API key", "401");
            });
        } finally {
            service.stop(0);
        }
    }
}
