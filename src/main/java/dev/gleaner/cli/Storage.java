package dev.gleaner.cli;

import dev.gleaner.Heartbeat;
import dev.gleaner.Ids;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.index.FollowerSettings;
import dev.gleaner.index.IndexFollower;
import dev.gleaner.index.NoLocalIndex;
import dev.gleaner.index.SearchIndex;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.secrets.SecretBox;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlChangeFeed;
import dev.gleaner.store.SqlDatasetStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a process keeps on disk or in its database: the data directory's lock, the store, and the search index (a
 * projection of the store, brought in step with it on open — resumed from the change feed or rebuilt — then following
 * the feed and committed periodically). Each part is recorded in the
 * start's {@link OpenedParts} as soon as it holds something to release.
 */
record Storage(
        Database database,
        SqlDatasetStore datasets,
        SearchIndex index,
        @Nullable IndexFollower follower,
        List<Heartbeat> heartbeats) {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    /** How often the search index is committed to disk (it resumes from its last commit after a crash). */
    private static final Duration INDEX_COMMIT_INTERVAL = Duration.ofSeconds(5);
    /** A process whose index has not reported its position for this long no longer holds back pruning. */
    private static final Duration FOLLOWER_TIMEOUT = Duration.ofHours(1);

    /**
     * Opens the data directory and the store, and, when {@code keepsIndex}, the search index brought in step with the
     * store and following its change feed (a worker keeps none: what it stores reaches the other processes' indexes
     * through the feed).
     */
    static Storage open(GleanerConfig config, Clock clock, OpenedParts parts, boolean keepsIndex) {
        Path dataDir = config.store().dataDir();
        DataDirectory.secure(dataDir);
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        parts.opened("data directory lock", lock::close);
        SecureRandom random = new SecureRandom();
        SecretBox secrets = new SecretBox(SecretsKeyFile.of(config.store(), random), random);
        Database database = Wiring.openDatabase(dataDir, config.store().databaseUrl(), secrets);
        parts.opened("database", database::close);
        SqlDatasetStore datasets = new SqlDatasetStore(database);
        if (!keepsIndex) {
            return new Storage(database, datasets, new NoLocalIndex(), null, List.of());
        }
        Path indexDir = dataDir.resolve("index");
        DataDirectory.secure(indexDir);
        LuceneIndex index = LuceneIndex.open(indexDir);
        parts.opened("search index", index::close);
        ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("gleaner-housekeeping").daemon().unstarted(r));
        parts.opened("index committer", () -> stop(committer));
        IndexFollower follower = IndexFollower.open(
                index,
                index.needsRebuild(),
                new SqlChangeFeed(database),
                followerSettings(config),
                Ids.next("proc"),
                clock);
        parts.opened("index follower", follower::close);
        DataDirectory.tighten(indexDir);
        Heartbeat commits = Heartbeat.every("index committer", INDEX_COMMIT_INTERVAL, clock);
        commits.started();
        // Failures end up in the heartbeat (guard), not in the future.
        var unused = committer.scheduleWithFixedDelay(
                commits.guard(() -> {
                    commitQuietly(follower, commits);
                    // The index writes new files as it commits; under a lax umask they are born readable by others.
                    DataDirectory.tighten(indexDir);
                }),
                INDEX_COMMIT_INTERVAL.toMillis(),
                INDEX_COMMIT_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return new Storage(database, datasets, index, follower, List.of(commits, follower.heartbeat()));
    }

    /**
     * Lets a commit in progress finish: interrupting it would close the index's file channel and invalidate its write
     * lock, and closing the index would then fail.
     */
    private static void stop(ScheduledExecutorService committer) {
        committer.shutdown();
        try {
            if (!committer.awaitTermination(30, TimeUnit.SECONDS)) {
                committer.shutdownNow();
            }
        } catch (InterruptedException e) {
            committer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static FollowerSettings followerSettings(GleanerConfig config) {
        return new FollowerSettings(
                config.store().indexPoll(),
                config.store().indexWait(),
                config.store().indexLogKeep(),
                FOLLOWER_TIMEOUT);
    }

    private static void commitQuietly(IndexFollower follower, Heartbeat commits) {
        try {
            follower.commit();
            commits.round();
        } catch (RuntimeException e) {
            LOG.warn("Committing the search index failed; it will be rebuilt from the store if needed", e);
        }
    }
}
