package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code bin/gleaner serve} prints only its own lines through a first start, a crawl embedded with the bundled
 * model, a query and a stop: no JVM warning (incubator module, native access, {@code sun.misc.Unsafe}), no library
 * banner, version notice, configuration dump, connection pool, public suffix or GPU probing line.
 */
@Timeout(300)
class ServeProcessIT {
    @TempDir
    Path work;

    @Test
    void aNormalStartCrawlAndQueryPrintOnlyOurLines() {
        Path data = work.resolve("./gleaner-data");
        GleanerProcess serve = GleanerProcess.script(
                work, List.of("serve", "--port", "0", "--data", data.toString(), "--allow-private-network"));
        try (TestSite site = TestSite.start()) {
            site.page(
                    "/guide",
                    "<html><head><title>Guide</title></head><body><main><h1>Installing</h1><p>Run the installer and"
                            + " answer its questions; it needs a few minutes and a network connection.</p></main>"
                            + "</body></html>");
            int port = serve.awaitListening(Duration.ofMinutes(2));
            String key = serve.stdout()
                    .lines()
                    .map(String::strip)
                    .filter(line -> line.startsWith("dk_"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(serve.describe()));
            Kb kb = Kb.create(TestApi.forPort(port, key));
            JsonNode job = kb.awaitFinished(
                    kb.crawl(Map.of("url", site.url("/guide").toString(), "limit", 1)), Duration.ofMinutes(2));
            assertThat(job.path("done").asInt()).as(job.toString()).isEqualTo(1);
            assertThat(kb.query("how long does installing take", 3, 0.0)).isNotEmpty();
        } finally {
            // Stopped as a supervisor would; what it prints while stopping counts too.
            serve.close();
        }
        String stdout = serve.stdout();
        String stderr = serve.stderr();

        assertThat(stderr).as("stderr of a normal run").isEmpty();
        List<String> lines = stdout.lines().toList();
        assertThat(lines).as(stdout).hasSize(4);
        assertThat(lines.get(0)).startsWith("Your developer key (shown only once; owner owner_");
        assertThat(lines.get(1)).startsWith("  dk_");
        assertThat(lines.get(2)).contains("bin/gleaner keys create --owner owner_");
        assertThat(lines.get(3))
                .startsWith("Gleaner listening on http://127.0.0.1:")
                .endsWith("(data: " + work.toAbsolutePath().normalize().resolve("gleaner-data") + ")");
    }
}
