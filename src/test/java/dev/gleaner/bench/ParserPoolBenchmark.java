package dev.gleaner.bench;

import dev.gleaner.cli.FeatureSettings;
import dev.gleaner.config.ParsingConfig;
import dev.gleaner.config.ParsingSetting;
import dev.gleaner.ingest.DocumentExtractor;
import dev.gleaner.ingest.DocumentFixtures;
import dev.gleaner.ingest.DocumentParser;
import dev.gleaner.ingest.DocumentReading;
import dev.gleaner.ingest.ParserProcessPool;
import dev.gleaner.ingest.ParserSettings;
import dev.gleaner.testapp.DefaultSettings;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Prints what parsing documents in parser processes costs: the start of a parser process (JVM start, class loading,
 * warm-up) as seen by the first document, and the time per document in a warm parser process against the same
 * documents parsed in this process, for a small PDF, a 40-page PDF and a DOCX.
 *
 * <p>Usage: {@code bin/bench parse [rounds]} (default 30 rounds per document).
 */
public final class ParserPoolBenchmark {
    private static final URI SOURCE = URI.create("https://example.org/bench");

    @SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
    private record Sample(String name, String contentType, byte[] bytes) {}

    private ParserPoolBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<Sample> samples = samples();
        ParserSettings settings = FeatureSettings.parsing(ParsingConfig.defaults())
                .withProcesses(1, ParsingSetting.PARSER_HEAP_MB.defaultInt());
        try (ParserProcessPool pool = new ParserProcessPool(settings)) {
            Sample first = samples.getFirst();
            long begin = System.nanoTime();
            read(pool, first);
            double firstMillis = (System.nanoTime() - begin) / 1e6;
            double warmMillis = median(times(pool, first, rounds));
            System.out.printf(
                    Locale.ROOT,
                    "parser process start: first document %.0f ms, then %.1f ms per document -> start ~%.0f ms%n",
                    firstMillis,
                    warmMillis,
                    firstMillis - warmMillis);

            DocumentExtractor inProcess = DefaultSettings.documentExtractor(Clock.systemUTC());
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %10s %14s %14s %12s%n",
                    "document",
                    "bytes",
                    "in-process ms",
                    "pool ms",
                    "overhead");
            for (Sample sample : samples) {
                times(inProcess, sample, rounds); // warm this JVM's parsers the same way as the child's
                double local = median(times(inProcess, sample, rounds));
                double forked = median(times(pool, sample, rounds));
                System.out.printf(
                        Locale.ROOT,
                        "%-22s %10d %14.2f %14.2f %+11.2f%n",
                        sample.name(),
                        sample.bytes().length,
                        local,
                        forked,
                        forked - local);
            }
            System.out.printf(
                    Locale.ROOT,
                    "parser processes started %d, lost %d (medians of %d rounds)%n",
                    pool.started(),
                    pool.lost(),
                    rounds);
        }
    }

    private static List<Sample> samples() {
        List<List<String>> pages = new ArrayList<>();
        for (int page = 0; page < 40; page++) {
            pages.add(Collections.nCopies(12, "Harbour pilots board at the outer buoy when the tide turns " + page));
        }
        DocumentFixtures.Docx docx = new DocumentFixtures.Docx().title("Bench");
        for (int section = 0; section < 20; section++) {
            docx.heading(1, "Section " + section).paragraph("The ferry waits at the quay for the mail. ".repeat(20));
        }
        return List.of(
                new Sample("1-page PDF", "application/pdf", DocumentFixtures.pdf("Small", List.of(List.of("Hello.")))),
                new Sample("40-page PDF", "application/pdf", DocumentFixtures.pdf("Large", pages)),
                new Sample(
                        "20-section DOCX",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        docx.bytes()));
    }

    private static double[] times(DocumentParser parser, Sample sample, int rounds) {
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long begin = System.nanoTime();
            read(parser, sample);
            millis[i] = (System.nanoTime() - begin) / 1e6;
        }
        return millis;
    }

    private static void read(DocumentParser parser, Sample sample) {
        DocumentReading reading = parser.extract(sample.bytes(), sample.contentType(), SOURCE);
        if (!(reading instanceof DocumentReading.Read)) {
            throw new IllegalStateException(sample.name() + " was not read: " + reading);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
