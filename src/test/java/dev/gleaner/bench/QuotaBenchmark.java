package dev.gleaner.bench;

import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.limits.UsageKind;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlUsageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What charging the daily page quota costs: charges per second (each one conditional {@code UPDATE … RETURNING} in
 * its own transaction, as a crawl worker makes before every fetch), from 16 threads at once as the workers would, on
 * SQLite and, when {@code GLEANER_BENCH_POSTGRES} names a JDBC URL, on PostgreSQL.
 *
 * <p>Usage: {@code bin/bench quota [charges]} (default 5,000).
 */
public final class QuotaBenchmark {
    private static final int THREADS = 16;

    private QuotaBenchmark() {}

    public static void main(String[] args) throws Exception {
        int charges = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        Path folder = Files.createTempDirectory("gleaner-bench-quota");
        try (Database sqlite = Database.sqlite(folder.resolve(Database.SQLITE_FILE_NAME))) {
            run("SQLite", sqlite, charges);
        }
        String postgres = System.getenv("GLEANER_BENCH_POSTGRES");
        if (postgres != null && !postgres.isBlank()) {
            try (Database database = Database.postgres(postgres)) {
                run("PostgreSQL", database, charges);
            }
        }
    }

    private static void run(String name, Database database, int charges) throws Exception {
        DailyQuotas quotas = new DailyQuotas(
                new SqlUsageStore(database),
                AbuseLimits.NONE.withOwnerLimits(0, 0, Long.MAX_VALUE / 2, 0),
                Clock.systemUTC());
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                int owner = t % 4;
                running.add(threads.submit(() -> {
                    for (int i = 0; i < charges / THREADS; i++) {
                        quotas.charge("owner_bench_" + owner, UsageKind.PAGES, 1);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d page charges from %d threads (4 owners) in %.2f s = %.0f charges/s%n",
                    name,
                    charges / THREADS * THREADS,
                    THREADS,
                    seconds,
                    charges / THREADS * THREADS / seconds);
        } finally {
            threads.shutdownNow();
        }
    }
}
