package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several jobs in several knowledgebases run at once, and one slow host does not hold up the others. */
class ConcurrentJobsIT {
    @TempDir
    Path data;

    @Test
    void aSlowHostDoesNotStallJobsOnOtherHosts() {
        try (TestApp app = TestApp.start(data);
                TestSite slowSite = TestSite.builder()
                        .generatedPages(2)
                        .slowDelay(Duration.ofSeconds(4))
                        .start();
                TestSite fastSite = TestSite.withGeneratedSite(20)) {
            TestApi api = app.newOwner();
            Kb slowKb = Kb.create(api);
            Kb fastKb = Kb.create(api);
            List<String> slowUrls = IntStream.range(0, 6)
                    .mapToObj(i -> slowSite.url("/slow?page=" + i).toString())
                    .toList();
            String slowJob = slowKb.crawl(Map.of("urls", slowUrls));
            String fastJob = fastKb.crawl(Map.of("url", fastSite.siteUrl().toString()));

            JsonNode fast = fastKb.awaitFinished(fastJob, Duration.ofSeconds(30));

            assertThat(fast.path("status").asText()).isEqualTo("completed");
            assertThat(fast.path("done").asLong()).isEqualTo(20);
            // Six 4-second pages two at a time take at least 12 seconds: the slow job is still going.
            assertThat(slowKb.job(slowJob).path("status").asText()).isEqualTo("running");
            JsonNode slow = slowKb.awaitFinished(slowJob, Duration.ofSeconds(60));
            assertThat(slow.path("done").asLong()).isEqualTo(6);
        }
    }
}
