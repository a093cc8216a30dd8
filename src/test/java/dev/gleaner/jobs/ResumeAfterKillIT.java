package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testsite.TestSite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code gleaner serve} process is killed with SIGKILL in the middle of a crawl and started again on the same
 * data: the same job goes on from its frontier, no page already done is fetched again, nothing is duplicated, and the
 * final counters are exact.
 */
class ResumeAfterKillIT {
    private static final int PAGES = 40;
    private static final Pattern LISTENING = Pattern.compile("Gleaner listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern KEY = Pattern.compile("^\\s+(dk_[0-9a-f]+)\\s*$");

    @TempDir
    Path data;

    @Test
    void aKilledServerResumesTheSameJobWithoutRefetchingOrDuplicatingPages() throws Exception {
        try (TestSite site = TestSite.withGeneratedSite(PAGES)) {
            Server first = Server.start(data);
            TestApi api = first.api(first.key());
            Kb kb = Kb.create(api);
            String jobId = kb.crawl(Map.of("url", site.siteUrl().toString()));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> kb.job(jobId).path("done").asLong() >= 10);

            first.kill();
            Instant killed = Instant.now();
            int fetchedBeforeKill = site.requests().size();

            Server second = Server.start(data);
            try {
                Kb resumed = new Kb(second.api(first.key()), kb.projectId(), kb.id());
                JsonNode job = resumed.awaitFinished(jobId, Duration.ofMinutes(2));

                assertThat(job.path("status").asText()).isEqualTo("completed");
                assertThat(job.path("total").asLong()).isEqualTo(PAGES);
                assertThat(job.path("done").asLong()).isEqualTo(PAGES);
                assertThat(job.path("failed").asLong()).isZero();
                JsonNode datasets = resumed.datasets();
                assertThat(datasets).hasSize(PAGES);
                Set<String> urls = new HashSet<>();
                List<String> doneBeforeKill = new ArrayList<>();
                for (JsonNode dataset : datasets) {
                    urls.add(dataset.path("sourceUrl").asText());
                    if (Instant.parse(dataset.path("createdAt").asText()).isBefore(killed)) {
                        doneBeforeKill.add(
                                URI.create(dataset.path("sourceUrl").asText()).getPath());
                    }
                }
                assertThat(urls).hasSize(PAGES);
                assertThat(doneBeforeKill).hasSizeGreaterThanOrEqualTo(10);
                for (String path : doneBeforeKill) {
                    assertThat(site.hits(path))
                            .as("fetches of %s, done before the kill", path)
                            .isEqualTo(1);
                }
                assertThat(site.requests().size()).isGreaterThan(fetchedBeforeKill);
            } finally {
                second.kill();
            }
        }
    }

    /** A {@code gleaner serve} child process on a free port, with a slow polite pace so the crawl is caught mid-way. */
    private record Server(Process process, int port, String key) {
        static Server start(Path data) throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(
                            java,
                            "-Xmx1g",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.gleaner.cli.Main",
                            "serve",
                            "--port",
                            "0",
                            "--data",
                            data.toString(),
                            "--allow-private-network",
                            "--per-host-concurrency",
                            "1",
                            "--crawl-delay-ms",
                            "150",
                            "--lease-seconds",
                            "3")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            CompletableFuture<String[]> ready = CompletableFuture.supplyAsync(() -> readUntilListening(process));
            try {
                String[] portAndKey = ready.get(60, TimeUnit.SECONDS);
                return new Server(process, Integer.parseInt(portAndKey[0]), portAndKey[1]);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("gleaner serve did not start", e);
            }
        }

        private static String[] readUntilListening(Process process) {
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String key = "";
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher keyLine = KEY.matcher(line);
                    if (keyLine.matches()) {
                        key = keyLine.group(1);
                    }
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> {}));
                        return new String[] {listening.group(1), key};
                    }
                }
                throw new IllegalStateException("the server exited before listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        TestApi api(String presentedKey) {
            return TestApi.forPort(port, presentedKey);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
