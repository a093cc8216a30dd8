package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.ServerConfig;
import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site that cannot be reached is a network failure, not a robots.txt problem, and a robots.txt that keeps answering
 * 5xx ends its URLs as {@code robots}; either way the job's {@code failed} counter equals the URLs the pages listing
 * gives for {@code ?outcome=failed}, and the job's error names the real cause.
 */
class UnreachableSiteIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void aRefusedConnectionFailsTheUrlsAsFailedNamingTheConnectionNotRobotsTxt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, TestSite.ADDRESS)) {
            closedPort = socket.getLocalPort();
        }
        String seed = "http://127.0.0.1:" + closedPort + "/docs/";
        try (TestApp app = TestApp.start(data)) {
            Kb kb = Kb.create(app.newOwner());

            String jobId = kb.crawl(Map.of("url", seed));
            JsonNode job = kb.awaitFinished(jobId, WITHIN);

            String cause = "Could not connect to 127.0.0.1:" + closedPort + ": the connection was refused";
            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("failed").asLong()).isEqualTo(1);
            assertThat(job.path("error").asText()).contains(cause).doesNotContain("robots");
            List<JsonNode> failed = pages(kb, jobId, "failed");
            assertThat(failed).hasSize((int) job.path("failed").asLong());
            assertThat(failed.getFirst().path("url").asText()).isEqualTo(seed);
            assertThat(failed.getFirst().path("outcome").asText()).isEqualTo("failed");
            assertThat(failed.getFirst().path("reason").asText())
                    .isEqualTo(cause + " (after " + app.config().crawl().maxAttempts() + " attempts).");
            assertThat(pages(kb, jobId, "robots")).isEmpty();
        }
    }

    @Test
    void aRobotsTxtAnswering503EndsAsRobotsAndIsListedAmongTheFailed() {
        try (TestApp app = TestApp.start(data);
                TestSite site =
                        TestSite.builder().generatedPages(2).robotsStatus(503).start()) {
            Kb kb = Kb.create(app.newOwner());

            String jobId = kb.crawl(Map.of("url", site.siteUrl().toString()));
            JsonNode job = kb.awaitFinished(jobId, WITHIN);

            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("failed").asLong()).isEqualTo(1);
            assertThat(job.path("error").asText()).contains("robots.txt").contains("HTTP 503");
            List<JsonNode> failed = pages(kb, jobId, "failed");
            assertThat(failed).hasSize((int) job.path("failed").asLong());
            assertThat(failed.getFirst().path("outcome").asText()).isEqualTo("robots");
            assertThat(failed.getFirst().path("reason").asText())
                    .startsWith("Nothing may be fetched from 127.0.0.1:" + site.port())
                    .contains("robots.txt answered HTTP 503")
                    .endsWith("(after " + app.config().crawl().maxAttempts() + " attempts).");
            assertThat(pages(kb, jobId, "robots")).hasSize(1);
            assertThat(site.hits(site.siteUrl().getRawPath())).isZero();
        }
    }

    /**
     * A name resolving to a private address, on a server that refuses private networks: its URLs fail as
     * {@code failed} at once with the address, the name and the flag; the address is never connected to (refused
     * before any connection).
     */
    @Test
    void aNameResolvingToABlockedAddressFailsAtOnceNamingTheAddressAndTheFlag() {
        AddressGuard.Resolver resolver = host -> {
            if (host.equals("intranet.example")) {
                return new InetAddress[] {InetAddress.getByName("10.0.0.5")};
            }
            throw new UnknownHostException(host);
        };
        try (TestApp app = TestApp.start(privateNetworksRefused(TestApp.config(data)), resolver)) {
            Kb kb = Kb.create(app.newOwner());
            String jobId = kb.crawl(Map.of("url", "http://intranet.example/wiki/"));
            JsonNode job = kb.awaitFinished(jobId, WITHIN);

            String cause = "The address 10.0.0.5 of intranet.example is blocked (a private network address); start the"
                    + " server with --allow-private-network to reach it.";
            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").asText()).contains(cause);
            List<JsonNode> failed = pages(kb, jobId, "failed");
            assertThat(failed).hasSize((int) job.path("failed").asLong()).hasSize(1);
            assertThat(failed.getFirst().path("outcome").asText()).isEqualTo("failed");
            assertThat(failed.getFirst().path("reason").asText()).isEqualTo(cause);
            assertThat(failed.getFirst().path("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aNameThatDoesNotResolveFailsAsNoSuchHostAfterItsRetries() {
        AddressGuard.Resolver resolver = host -> {
            throw new UnknownHostException(host);
        };
        try (TestApp app = TestApp.start(TestApp.config(data), resolver)) {
            Kb kb = Kb.create(app.newOwner());
            String jobId = kb.crawl(Map.of("url", "http://nowhere.example/"));
            JsonNode job = kb.awaitFinished(jobId, WITHIN);

            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").asText()).contains("Could not resolve nowhere.example: no such host");
            List<JsonNode> failed = pages(kb, jobId, "failed");
            assertThat(failed).singleElement().satisfies(page -> {
                assertThat(page.path("outcome").asText()).isEqualTo("failed");
                assertThat(page.path("reason").asText())
                        .contains("no such host")
                        .endsWith("(after " + app.config().crawl().maxAttempts() + " attempts).");
            });
        }
    }

    private static GleanerConfig privateNetworksRefused(GleanerConfig c) {
        return c.withServer(server -> new ServerConfig(server.host(), server.port(), false));
    }

    private static List<JsonNode> pages(Kb kb, String jobId, String outcome) {
        TestApi.Response response = kb.api().get(kb.path() + "/crawl/jobs/" + jobId + "/pages?outcome=" + outcome);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<JsonNode> pages = new ArrayList<>();
        response.json().path("pages").forEach(pages::add);
        return pages;
    }
}
