package dev.gleaner.bench;

import dev.gleaner.testsite.RevalidatingSite;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The loopback site of {@link ResyncBenchmark}, in a process of its own so that the CPU time the service spends is
 * measured apart from the site's: {@code pages} generated pages answering conditional requests, listed with their
 * {@code lastmod} in {@code /sitemap.xml}. Writes the site's URL and its origin, on one line, to the file named by its
 * second argument, then serves until its standard input closes.
 */
public final class ResyncSite {
    private ResyncSite() {}

    public static void main(String[] args) throws IOException {
        int pages = Integer.parseInt(args[0]);
        try (TestSite site = TestSite.builder().generatedPages(pages).start()) {
            RevalidatingSite.over(site, Instant.now().minus(Duration.ofDays(1)));
            Path ready = Path.of(args[1]);
            Path written = Files.writeString(
                    ready.resolveSibling(ready.getFileName() + ".part"), site.siteUrl() + " " + site.url("/"));
            Files.move(written, ready, StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() != -1) {
                // Serves until the benchmark closes the pipe (or exits).
            }
        }
        System.exit(0);
    }
}
