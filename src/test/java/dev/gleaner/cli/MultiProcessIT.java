package dev.gleaner.cli;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.store.Dialect;
import dev.gleaner.store.TestDatabases;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testsite.HarbourAlmanac;
import dev.gleaner.testsite.TestSite;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@code bin/gleaner serve} processes sharing one PostgreSQL database, each with its own data directory
 * (its own search index), behave as one service:
 *
 * <ul>
 *   <li>a crawl started through one process is worked on by the crawl workers of all three; when it completes its
 *       counters are exact, every page is stored once, and every process's index answers for its pages — at once
 *       with {@code minPosition} set to the job's {@code indexPosition}, and without it within {@link #LAG_BOUND};
 *   <li>a chunk disabled through one process leaves the query results of the other two (a query with the PATCH
 *       answer's {@code indexPosition} as {@code minPosition} is answered after the change), and comes back when
 *       enabled again;
 *   <li>a process stopped while changes are made resumes its index from where it stopped (no rebuild), applies
 *       exactly the changes it missed, and answers for them;
 *   <li>a process killed (SIGKILL) while it holds pages of a running crawl loses nothing: its leases expire, the other
 *       processes take its pages over, and the job completes with exact counters and no page stored twice.
 * </ul>
 */
@Timeout(value = 10, unit = MINUTES)
class MultiProcessIT {
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration CRAWL = Duration.ofMinutes(3);
    /** How long a change may take to reach another process's index when a query does not wait for it. */
    private static final Duration LAG_BOUND = Duration.ofSeconds(10);
    /** Short, so the URLs of a killed process are taken over soon (workers renew every third of it). */
    private static final int LEASE_SECONDS = 4;

    @TempDir
    Path work;

    @Test
    void threeProcessesShareACrawlAndEachIndexFollowsEveryChange() {
        try (TestSite site = TestSite.start();
                Cluster cluster = Cluster.start(work)) {
            Node a = cluster.node("a");
            Node b = cluster.node("b");
            HarbourAlmanac almanac = HarbourAlmanac.serve(site, "/almanac/", 39, 0);
            Kb kb = Kb.create(a.api());

            // One crawl, started through A, worked on by the workers of all three.
            JsonNode job = cluster.awaitFinished(kb, kb.crawl(crawlOf(almanac)));

            cluster.assertCompletedExactly(job, almanac.pageCount());
            StoredPages datasets = cluster.assertStoredOnce(kb, almanac);
            for (Node node : cluster.nodes()) {
                assertThat(almanac.pageRequestsFrom(node.agentMarker()))
                        .as(() -> "page requests of process " + node.name() + "\n" + cluster.describe())
                        .isPositive();
            }
            assertThat(cluster.nodes().stream().mapToLong(Node::recordedPages).sum())
                    .as(() -> "pages recorded by the three processes together (gleaner_pages_fetched_total)\n"
                            + cluster.describe())
                    .isEqualTo(almanac.pageCount());
            long crawled = job.path("indexPosition").asLong();
            List<HarbourAlmanac.Entry> entries = almanac.entries();
            // Without minPosition first (what a query sees within the lag bound), then with it (at once).
            for (Node node : cluster.nodes()) {
                for (HarbourAlmanac.Entry entry : List.of(entries.get(2), entries.get(17), entries.get(31))) {
                    cluster.awaitWithin(LAG_BOUND, "process " + node.name() + " finds " + entry.town(), () -> {
                        assertThat(topDataset(node.query(kb, entry.sentence(), null)))
                                .isEqualTo(datasets.of(almanac.url(entry)));
                    });
                }
            }
            for (Node node : cluster.nodes()) {
                for (HarbourAlmanac.Entry entry : List.of(entries.get(0), entries.get(13), entries.get(26))) {
                    TestApi.Response hits = node.query(kb, entry.sentence(), crawled);
                    assertThat(topDataset(hits))
                            .as(() -> "process " + node.name() + " with minPosition " + crawled + " for " + entry.town()
                                    + ": " + hits.text() + "\n" + cluster.describe())
                            .isEqualTo(datasets.of(almanac.url(entry)));
                }
            }

            // A chunk disabled through B leaves the results of A and C, and comes back when enabled.
            HarbourAlmanac.Entry toggled = entries.get(7);
            String toggledDataset = datasets.of(almanac.url(toggled));
            String chunkPath = chunkPathOf(b, kb, toggledDataset, toggled);
            String chunkId = chunkPath.substring(chunkPath.lastIndexOf('/') + 1);
            assertThat(hitIds(a.query(kb, toggled.sentence(), crawled))).contains(chunkId);

            TestApi.Response disabled = b.api().patch(chunkPath, Map.of("isEnabled", false));

            assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
            long disabledAt = disabled.json().path("indexPosition").asLong();
            for (Node node : List.of(b, a, cluster.node("c"))) {
                TestApi.Response hits = node.query(kb, toggled.sentence(), disabledAt);
                assertThat(hitIds(hits))
                        .as(() -> "process " + node.name() + " with minPosition " + disabledAt + ": " + hits.text()
                                + "\n" + cluster.describe())
                        .isNotEmpty()
                        .doesNotContain(chunkId);
            }

            TestApi.Response enabled = b.api().patch(chunkPath, Map.of("isEnabled", true));

            assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
            for (Node node : List.of(a, cluster.node("c"))) {
                cluster.awaitWithin(LAG_BOUND, "process " + node.name() + " finds the enabled chunk again", () -> {
                    assertThat(hitIds(node.query(kb, toggled.sentence(), null))).startsWith(chunkId);
                });
            }

            // C stops; A crawls more and deletes a page; C starts again and resumes its index.
            Node c = cluster.node("c");
            long enabledAt = enabled.json().path("indexPosition").asLong();
            cluster.awaitWithin(LAG_BOUND, "process c applied every change", () -> {
                JsonNode index = c.index();
                assertThat(index.path("position").asLong())
                        .isEqualTo(index.path("head").asLong());
                assertThat(index.path("position").asLong()).isGreaterThanOrEqualTo(enabledAt);
            });
            long stoppedAt = c.index().path("position").asLong();
            cluster.stop("c");

            HarbourAlmanac more = HarbourAlmanac.serve(site, "/almanac-more/", 6, 39);
            JsonNode second = cluster.awaitFinished(kb, kb.crawl(crawlOf(more)));
            cluster.assertCompletedExactly(second, more.pageCount());
            HarbourAlmanac.Entry removed = entries.get(20);
            String removedDataset = datasets.of(almanac.url(removed));
            TestApi.Response deleted = a.api().delete(kb.path() + "/datasets/" + removedDataset);
            assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
            long head =
                    kb.job(second.path("jobId").asText()).path("indexPosition").asLong();
            assertThat(head - stoppedAt)
                    .as(() -> "changes while C was down (" + more.pageCount() + " pages stored, one deleted): C stopped"
                            + " at " + stoppedAt + ", head " + head + "\n" + cluster.changeFeed())
                    .isGreaterThanOrEqualTo(more.pageCount() + 1);

            Node restarted = cluster.start("c");

            JsonNode opened = restarted.index();
            assertThat(opened.path("openedBy").asText())
                    .as(() -> opened + "\n" + cluster.describe())
                    .isEqualTo("resumed");
            assertThat(opened.path("rebuilds").asLong()).as(opened::toString).isZero();
            cluster.awaitWithin(LAG_BOUND, "restarted process c applied every change", () -> {
                assertThat(restarted.index().path("position").asLong()).isEqualTo(head);
            });
            JsonNode caughtUp = restarted.index();
            assertThat(caughtUp.path("appliedChanges").asLong())
                    .as(() -> "changes applied by C after its restart, stopped at " + stoppedAt + ", head " + head
                            + ": " + caughtUp + "\n" + cluster.changeFeed() + cluster.describe())
                    .isEqualTo(head - stoppedAt);
            assertThat(caughtUp.path("rebuilds").asLong()).isZero();
            StoredPages moreDatasets = cluster.assertStoredOnce(kb, more, almanac.pageCount() - 1);
            for (HarbourAlmanac.Entry entry : more.entries()) {
                TestApi.Response hits = restarted.query(kb, entry.sentence(), head);
                assertThat(topDataset(hits))
                        .as(() -> "restarted C for " + entry.town() + ": " + hits.text())
                        .isEqualTo(moreDatasets.of(more.url(entry)));
            }
            TestApi.Response afterDelete = restarted.query(kb, removed.sentence(), head);
            assertThat(hitDatasets(afterDelete))
                    .as(() -> "restarted C for the deleted " + removed.town() + ": " + afterDelete.text())
                    .isNotEmpty()
                    .doesNotContain(removedDataset);
        }
    }

    @Test
    void aCrawlCompletesExactlyWhenAProcessHoldingItsPagesIsKilled() {
        try (TestSite site = TestSite.start();
                Cluster cluster = Cluster.start(work)) {
            Node a = cluster.node("a");
            Node victim = cluster.node("c");
            HarbourAlmanac almanac = HarbourAlmanac.serve(site, "/almanac/", 44, 0);
            // C's requests for articles are never answered: whatever C claims, it holds until it dies.
            almanac.holdRequestsFrom(victim.agentMarker());
            Kb kb = Kb.create(a.api());
            String jobId = kb.crawl(crawlOf(almanac));
            int pages = almanac.pageCount();

            cluster.awaitWithin(CRAWL, "a fifth of the pages done while C holds some", () -> {
                assertThat(kb.job(jobId).path("done").asLong()).isGreaterThanOrEqualTo(pages / 5);
                assertThat(almanac.held()).isNotEmpty();
            });
            JsonNode atKill = kb.job(jobId);
            List<String> held = almanac.held();
            victim.process().kill();
            almanac.releaseHeld();

            assertThat(atKill.path("status").asText()).as(atKill::toString).isEqualTo("running");
            assertThat(atKill.path("done").asLong())
                    .as(() -> "done when C was killed, of " + pages + ": " + atKill)
                    .isBetween((long) pages / 5, (long) pages * 3 / 5);
            JsonNode job = cluster.awaitFinished(kb, jobId);
            cluster.assertCompletedExactly(job, pages);
            StoredPages datasets = cluster.assertStoredOnce(kb, almanac);
            for (String path : held) {
                assertThat(almanac.requestsNotFrom(victim.agentMarker(), path))
                        .as(() -> path + " held by the killed C, fetched again by A or B\n" + cluster.describe())
                        .isPositive();
            }
            long crawled = job.path("indexPosition").asLong();
            for (HarbourAlmanac.Entry entry : almanac.entries()) {
                if (!held.contains(entry.path())) {
                    continue;
                }
                for (Node node : List.of(a, cluster.node("b"))) {
                    TestApi.Response hits = node.query(kb, entry.sentence(), crawled);
                    assertThat(topDataset(hits))
                            .as(() -> "process " + node.name() + " for the taken-over " + entry.town() + ": "
                                    + hits.text())
                            .isEqualTo(datasets.of(almanac.url(entry)));
                }
            }
        }
    }

    private static Map<String, Object> crawlOf(HarbourAlmanac almanac) {
        return Map.of("url", almanac.indexUrl().toString(), "sitemap", "skip", "limit", 200);
    }

    /** The path of the chunk of {@code entry}'s article that holds its own sentence. */
    private static String chunkPathOf(Node node, Kb kb, String datasetId, HarbourAlmanac.Entry entry) {
        String datasetPath = kb.path() + "/datasets/" + datasetId;
        TestApi.Response chunks = node.api().get(datasetPath + "/chunks");
        assertThat(chunks.status()).as(chunks.text()).isEqualTo(200);
        for (JsonNode chunk : chunks.json()) {
            if (chunk.path("content").asText().contains(entry.sentence())) {
                return datasetPath + "/chunks/" + chunk.path("id").asText();
            }
        }
        throw new AssertionError("no chunk of " + entry.town() + " holds its sentence: " + chunks.text());
    }

    private static @Nullable String topDataset(TestApi.Response hits) {
        assertThat(hits.status()).as(hits.text()).isEqualTo(200);
        return hits.json().isEmpty()
                ? null
                : hits.json().get(0).path("datasetId").asText();
    }

    private static List<String> hitIds(TestApi.Response hits) {
        return field(hits, "id");
    }

    private static List<String> hitDatasets(TestApi.Response hits) {
        return field(hits, "datasetId");
    }

    private static List<String> field(TestApi.Response hits, String name) {
        assertThat(hits.status()).as(hits.text()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        hits.json().forEach(hit -> values.add(hit.path(name).asText()));
        return values;
    }

    /** The dataset id of each stored page, by its URL. */
    private record StoredPages(Map<String, String> datasetByUrl) {
        StoredPages {
            datasetByUrl = Map.copyOf(datasetByUrl);
        }

        String of(String url) {
            return Objects.requireNonNull(datasetByUrl.get(url), () -> "no dataset of " + url);
        }
    }

    /** One running {@code serve} process: its name (a, b, c), its client and the marker of its crawler's agent. */
    private record Node(String name, GleanerProcess process, TestApi api) {
        private static final Pattern RECORDED_PAGES =
                Pattern.compile("^gleaner_pages_fetched_total\\{outcome=\"(\\w+)\".*} ([0-9.E+-]+)$");

        String agentMarker() {
            return agentMarker(name);
        }

        static String agentMarker(String name) {
            return "multi-process test, process " + name;
        }

        /** {@code index} of {@code /health}. */
        JsonNode index() {
            TestApi.Response health = api.get("/health");
            assertThat(health.status())
                    .as(() -> health.text() + "\n" + process.describe())
                    .isEqualTo(200);
            return health.json().path("index");
        }

        /** Pages whose final outcome this process recorded (every outcome but {@code retry}). */
        long recordedPages() {
            TestApi.Response metrics = api.get("/metrics");
            assertThat(metrics.status()).as(metrics.text()).isEqualTo(200);
            double recorded = 0;
            for (String line : metrics.text().lines().toList()) {
                Matcher sample = RECORDED_PAGES.matcher(line);
                if (sample.matches() && !sample.group(1).equals("retry")) {
                    recorded += Double.parseDouble(sample.group(2));
                }
            }
            return Math.round(recorded);
        }

        /** The knowledgebase's ten best chunks for {@code question}, of any score, after {@code minPosition}. */
        TestApi.Response query(Kb kb, String question, @Nullable Long minPosition) {
            String q = URLEncoder.encode(question, StandardCharsets.UTF_8);
            return api.get(kb.path() + "/query?q=" + q + "&topK=10&scoreThreshold=0"
                    + (minPosition == null ? "" : "&minPosition=" + minPosition));
        }
    }

    /**
     * Processes a, b and c on one new PostgreSQL schema, dropped on {@link #close} after every process it started has
     * stopped.
     */
    private static final class Cluster implements AutoCloseable {
        private final Path work;
        private final TestDatabases databases;
        private final String databaseUrl;
        private final Map<String, Node> running = new LinkedHashMap<>();
        /** Every process started, stopped or not, in start order: what {@link #describe} shows. */
        private final List<Map.Entry<String, GleanerProcess>> started = new ArrayList<>();

        private @Nullable String key;

        private Cluster(Path work) {
            this.work = work;
            this.databases = new TestDatabases(work);
            this.databaseUrl = databases.location(Dialect.POSTGRES).where();
        }

        /** A starts first (its stdout has the first developer key), then B and C together. */
        static Cluster start(Path work) {
            Cluster cluster = new Cluster(work);
            try {
                cluster.start("a");
                cluster.startTogether(List.of("b", "c"));
                return cluster;
            } catch (RuntimeException | Error e) {
                cluster.close();
                throw e;
            }
        }

        Node node(String name) {
            return Objects.requireNonNull(running.get(name), () -> "process " + name + " is not running");
        }

        List<Node> nodes() {
            return List.copyOf(running.values());
        }

        Node start(String name) {
            return startTogether(List.of(name)).getFirst();
        }

        List<Node> startTogether(List<String> names) {
            Map<String, GleanerProcess> launched = new LinkedHashMap<>();
            for (String name : names) {
                GleanerProcess process = GleanerProcess.script(work, arguments(name));
                started.add(Map.entry(name, process));
                launched.put(name, process);
            }
            List<Node> nodes = new ArrayList<>();
            launched.forEach((name, process) -> {
                int port = process.awaitListening(START);
                if (key == null) {
                    key = process.stdout()
                            .lines()
                            .map(String::strip)
                            .filter(line -> line.startsWith("dk_"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no developer key\n" + process.describe()));
                }
                Node node = new Node(name, process, TestApi.forPort(port, key));
                running.put(name, node);
                nodes.add(node);
            });
            return nodes;
        }

        /** Stops a process as a supervisor would (SIGTERM), so it commits its index. */
        void stop(String name) {
            Node node = node(name);
            running.remove(name);
            node.process().close();
        }

        private List<String> arguments(String name) {
            return List.of(
                    "serve",
                    "--port",
                    "0",
                    "--data",
                    work.resolve("data-" + name).toString(),
                    "--database-url",
                    databaseUrl,
                    "--allow-private-network",
                    "--index-poll-ms",
                    "100",
                    "--workers",
                    "2",
                    "--parser-processes",
                    "1",
                    "--lease-seconds",
                    Integer.toString(LEASE_SECONDS),
                    "--per-host-concurrency",
                    "6",
                    "--crawl-delay-ms",
                    "50",
                    "--user-agent",
                    "GleanerBot/0.1 (+https://github.com/gleaner-kb/gleaner; " + Node.agentMarker(name) + ")");
        }

        JsonNode awaitFinished(Kb kb, String jobId) {
            try {
                return kb.awaitFinished(jobId, CRAWL);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\n" + describe(), e);
            }
        }

        void awaitWithin(Duration within, String what, ThrowingRunnable assertion) {
            try {
                Awaitility.await(what)
                        .atMost(within)
                        .pollInterval(Duration.ofMillis(50))
                        .untilAsserted(assertion);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\n" + describe(), e);
            }
        }

        void assertCompletedExactly(JsonNode job, int pages) {
            assertThat(job.path("status").asText())
                    .as(() -> job + "\n" + describe())
                    .isEqualTo("completed");
            assertThat(List.of(
                            job.path("done").asLong(),
                            job.path("failed").asLong(),
                            job.path("total").asLong()))
                    .as(() -> "done, failed, total of " + job + "\n" + describe())
                    .containsExactly((long) pages, 0L, (long) pages);
        }

        StoredPages assertStoredOnce(Kb kb, HarbourAlmanac almanac) {
            return assertStoredOnce(kb, almanac, 0);
        }

        /**
         * Asserts that each page of {@code almanac} is stored exactly once, among {@code others} more datasets of the
         * knowledgebase, and returns the dataset id of each page's URL.
         */
        StoredPages assertStoredOnce(Kb kb, HarbourAlmanac almanac, int others) {
            JsonNode datasets = kb.datasets();
            List<String> sources = new ArrayList<>();
            Map<String, String> ids = new HashMap<>();
            for (JsonNode dataset : datasets) {
                String source = dataset.path("sourceUrl").asText();
                sources.add(source);
                ids.put(source, dataset.path("id").asText());
            }
            Map<String, Long> copies =
                    sources.stream().collect(Collectors.groupingBy(source -> source, Collectors.counting()));
            assertThat(copies)
                    .as(() -> "datasets by source URL\n" + describe())
                    .allSatisfy((source, count) -> assertThat(count).as(source).isOne());
            assertThat(sources)
                    .as(() -> "source URLs of the datasets\n" + describe())
                    .hasSize(almanac.pageCount() + others)
                    .containsAll(almanac.pageUrls());
            Map<String, String> pages = new HashMap<>();
            almanac.pageUrls().forEach(url -> pages.put(url, Objects.requireNonNull(ids.get(url))));
            return new StoredPages(pages);
        }

        /** The store's chunk change feed, one change a line, for assertion messages. */
        String changeFeed() {
            StringBuilder text = new StringBuilder("--- index_changes (position kind knowledgebase dataset)\n");
            try (Connection connection = DriverManager.getConnection(databaseUrl);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT position, kind, knowledgebase_id, dataset_id FROM index_changes ORDER BY position")) {
                while (rows.next()) {
                    text.append(rows.getLong(1))
                            .append(' ')
                            .append(rows.getString(2))
                            .append(' ')
                            .append(rows.getString(3))
                            .append(' ')
                            .append(rows.getString(4))
                            .append('\n');
                }
            } catch (SQLException e) {
                text.append("unreadable: ").append(e).append('\n');
            }
            return text.toString();
        }

        /** What every process started printed, for assertion messages. */
        String describe() {
            StringBuilder text = new StringBuilder();
            for (Map.Entry<String, GleanerProcess> process : started) {
                text.append("=== process ")
                        .append(process.getKey())
                        .append(process.getValue().isAlive() ? " (running)" : " (ended)")
                        .append('\n')
                        .append(process.getValue().describe());
            }
            return text.toString();
        }

        @Override
        public void close() {
            try {
                started.forEach(process -> process.getValue().close());
            } finally {
                databases.close();
            }
        }
    }
}
