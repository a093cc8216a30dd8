package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.Role;
import dev.gleaner.secrets.SecretsKey;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl with headers accepted by a process that crawls nothing ({@code --role api}) and crawled by the next process
 * on the same data: its headers come from the stored spec. With the same key (the data directory's key file) the
 * pages are fetched with them; with another {@code --secrets-key} every page fails, saying which key is missing.
 */
class HeadersAcrossProcessesIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String TOKEN = "Bearer across-processes-5d1e";

    @TempDir
    Path data;

    private TestSite site;

    @BeforeEach
    void start() {
        site = TestSite.withGeneratedSite(1);
        site.route("/vault/", exchange -> {
            boolean signedIn = TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (signedIn
                            ? "<html><head><title>Vault</title></head><body><main><h1>Vault</h1><p>The vault"
                                    + " keeps the lighthouse keeper's logbooks since 1890.</p></main></body></html>"
                            : "sign in first")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(signedIn ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
        });
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void theNextProcessWithTheSameKeyFetchesWithTheStoredHeaders() {
        Accepted accepted = acceptWithoutCrawling();

        try (TestApp crawler = TestApp.start(data)) {
            Kb kb = kbOf(crawler, accepted);
            JsonNode job = kb.awaitFinished(accepted.jobId(), WITHIN);

            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(job.path("done").asInt()).isEqualTo(1);
        }
        assertThat(site.requests().stream().filter(r -> r.pathAndQuery().equals("/vault/")))
                .singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo(TOKEN));
    }

    @Test
    void aProcessWithAnotherKeyFailsThePagesSayingTheKeysDiffer() {
        Accepted accepted = acceptWithoutCrawling();
        String otherKey = SecretsKey.generate(new SecureRandom()).toBase64();

        try (TestApp crawler = TestApp.start(data, c -> c.withStore(s -> s.withSecretsKey(otherKey)))) {
            Kb kb = kbOf(crawler, accepted);
            JsonNode job = kb.awaitFinished(accepted.jobId(), WITHIN);
            JsonNode page = kb.api()
                    .get(kb.path() + "/crawl/jobs/" + accepted.jobId() + "/pages")
                    .json()
                    .path("pages")
                    .get(0);

            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(page.path("outcome").asText()).isEqualTo("failed");
            assertThat(page.path("reason").asText())
                    .contains("this process's --secrets-key is not the one the job's headers were stored with;"
                            + " give every process the same key");
        }
        assertThat(site.hits("/vault/")).isZero();
    }

    private record Accepted(TestApi api, String projectId, String kbId, String jobId) {}

    /** A job with headers accepted by a process that runs no crawl workers, which then stops. */
    private Accepted acceptWithoutCrawling() {
        UnaryOperator<GleanerConfig> apiOnly = c -> c.withServer(s -> s.withRole(Role.API));
        try (TestApp accepting = TestApp.start(data, apiOnly)) {
            TestApi api = accepting.newOwner();
            Kb kb = Kb.create(api);
            String jobId = kb.crawl(Map.of(
                    "url", site.origin() + "/vault/", "sitemap", "skip", "headers", Map.of("Authorization", TOKEN)));
            return new Accepted(api, kb.projectId(), kb.id(), jobId);
        }
    }

    /** The knowledgebase of {@code accepted} seen through the next process, with the same owner's key. */
    private static Kb kbOf(TestApp crawler, Accepted accepted) {
        return new Kb(TestApi.forPort(crawler.port(), accepted.api().key()), accepted.projectId(), accepted.kbId());
    }
}
