package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.LEASE;
import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.ClaimPolicy;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pacing of claims per server: a default gap, a server's own gap, and a time before which it is left alone. */
class FrontierPacingIT extends DatabaseTest {
    private static final Duration GAP = Duration.ofSeconds(2);
    private static final ClaimPolicy PACED = new ClaimPolicy(LEASE, 10, 3, GAP);
    private static final ClaimPolicy UNPACED = Fixtures.policy(10, 3);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void claimsOfOneServerAreSpacedByTheDefaultGap(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        List<FoundUrl> seeds = new ArrayList<>(Fixtures.urls("a.test", 3));
        seeds.addAll(Fixtures.urls("b.test", 2));
        Fixtures.created(stores, kb, 10, seeds);

        List<Lease> first = stores.frontier().claim("w1", 10, T0, PACED);
        List<Lease> tooSoon = stores.frontier().claim("w1", 10, T0.plus(GAP).minusMillis(1), PACED);
        List<Lease> second = stores.frontier().claim("w1", 10, T0.plus(GAP), PACED);
        List<Lease> third = stores.frontier().claim("w1", 10, T0.plus(GAP).plus(GAP), PACED);

        assertThat(first).extracting(Lease::urlKey).containsExactly("a.test/p0", "b.test/p0");
        assertThat(tooSoon).isEmpty();
        assertThat(second).extracting(Lease::urlKey).containsExactly("a.test/p1", "b.test/p1");
        assertThat(third).extracting(Lease::urlKey).containsExactly("a.test/p2");
        assertThat(nextClaimAt(stores, "a.test")).isEqualTo(T0.plus(GAP.multipliedBy(3)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void withoutAGapEveryClaimableUrlOfAServerIsClaimedAtOnce(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 4));

        List<Lease> leases = stores.frontier().claim("w1", 10, T0, UNPACED);

        assertThat(leases).hasSize(4);
        assertThat(stores.frontier().claim("w1", 10, T0, UNPACED)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aServersOwnGapWinsOverAShorterDefaultGap(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Duration crawlDelay = Duration.ofSeconds(10);
        stores.frontier().pace("a.test", crawlDelay, null);
        Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 3));

        List<Lease> first = stores.frontier().claim("w1", 10, T0, UNPACED);
        List<Lease> afterTheDefaultGap = stores.frontier().claim("w1", 10, T0.plus(GAP), PACED);
        List<Lease> justBefore =
                stores.frontier().claim("w1", 10, T0.plus(crawlDelay).minusMillis(1), PACED);
        List<Lease> atTheServersGap = stores.frontier().claim("w1", 10, T0.plus(crawlDelay), PACED);

        assertThat(first).extracting(Lease::urlKey).containsExactly("a.test/p0");
        assertThat(afterTheDefaultGap).isEmpty();
        assertThat(justBefore).isEmpty();
        assertThat(atTheServersGap).extracting(Lease::urlKey).containsExactly("a.test/p1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void paceNotBeforeHoldsOffEveryClaimOfTheServerAndNeverMovesEarlier(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        List<FoundUrl> seeds = new ArrayList<>(Fixtures.urls("a.test", 2));
        seeds.add(Fixtures.url("b.test", "/"));
        Fixtures.created(stores, kb, 10, seeds);
        Instant backoff = T0.plusSeconds(30);
        stores.frontier().pace("a.test", Duration.ZERO, backoff);
        stores.frontier().pace("a.test", Duration.ZERO, T0.plusSeconds(5));
        stores.frontier().pace("a.test", Duration.ZERO, null);

        List<Lease> during = stores.frontier().claim("w1", 10, backoff.minusMillis(1), UNPACED);
        List<Lease> after = stores.frontier().claim("w1", 10, backoff, UNPACED);

        assertThat(during).extracting(Lease::urlKey).containsExactly("b.test/");
        assertThat(after).extracting(Lease::urlKey).containsExactly("a.test/p0", "a.test/p1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void pacingIsPerServerAcrossJobsNotPerJob(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Knowledgebase other = Fixtures.knowledgebase(stores);
        Fixtures.created(stores, kb, 10, Fixtures.urls("a.test", 2));
        Fixtures.created(stores, other, 10, Fixtures.urls("a.test", 2));

        List<Lease> first = stores.frontier().claim("w1", 10, T0, PACED);
        List<Lease> secondWorkerSameInstant = stores.frontier().claim("w2", 10, T0, PACED);
        List<Lease> next = stores.frontier().claim("w2", 10, T0.plus(GAP), PACED);

        assertThat(first).hasSize(1);
        assertThat(secondWorkerSameInstant).isEmpty();
        assertThat(next).hasSize(1);
        assertThat(next.get(0).jobId()).isEqualTo(first.get(0).jobId());
        assertThat(next.get(0).urlKey()).isEqualTo("a.test/p1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void concurrentClaimersOfSeveralProcessesTakeOneUrlPerServerPerGap(Dialect dialect) throws Exception {
        Database first = databases.fresh(dialect);
        List<Stores> processes =
                List.of(Stores.on(first), Stores.on(databases.sibling(first)), Stores.on(databases.sibling(first)));
        Knowledgebase kb = Fixtures.knowledgebase(processes.get(0));
        List<FoundUrl> seeds = new ArrayList<>();
        for (int host = 0; host < 3; host++) {
            seeds.addAll(Fixtures.urls("h" + host + ".test", 10));
        }
        Fixtures.created(processes.get(0), kb, 100, seeds);
        Queue<Lease> claimed = new ConcurrentLinkedQueue<>();
        int threads = 12;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> claimers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Stores stores = processes.get(i % processes.size());
                String worker = "w" + i;
                claimers.add(() -> {
                    start.await(60, TimeUnit.SECONDS);
                    claimed.addAll(stores.frontier().claim(worker, 5, T0, PACED));
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(claimers)) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(claimed)
                .extracting(Lease::urlKey)
                .containsExactlyInAnyOrder("h0.test/p0", "h1.test/p0", "h2.test/p0");
    }

    private static Instant nextClaimAt(Stores stores, String server) {
        return stores.database().read(connection -> {
            try (var select = connection.prepareStatement("SELECT next_claim_at FROM servers WHERE server = ?")) {
                select.setString(1, server);
                try (var row = select.executeQuery()) {
                    assertThat(row.next()).as("a servers row for " + server).isTrue();
                    return Instant.ofEpochMilli(row.getLong(1));
                }
            }
        });
    }
}
