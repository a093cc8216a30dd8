package dev.gleaner.bench;

import dev.gleaner.ingest.HtmlExtractor;
import dev.gleaner.ingest.HtmlLimits;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * How HTML extraction time grows with page size, for ordinary and pathological page shapes: deeply nested divs, lists,
 * inline formatting and tables, flat paragraphs, a huge table, many sibling boilerplate blocks, one link-dense block.
 * Each shape is built at about 100 KB, 300 KB, 1 MB, 3 MB and 10 MB and extracted with a deadline far above the
 * default, so the full time is measured; linear growth shows as a steady time per MB. Prints a Markdown table.
 *
 * <p>Usage: {@code bin/bench extract-scaling [sizes in KB…]}.
 */
public final class ExtractionScaling {
    private static final URI PAGE_URL = URI.create("https://bench.example/page.html");
    private static final List<Integer> DEFAULT_SIZES_KB = List.of(100, 300, 1_000, 3_000, 10_000);
    private static final String SENTENCE = "The quick brown fox jumps over the lazy dog, again and again. ";

    private record Shape(String name, String head, IntFunction<String> unit, String tail) {
        /** A page of about {@code bytes} bytes: the unit repeated. */
        String page(int bytes) {
            StringBuilder html = new StringBuilder(bytes + 1024).append("<html><head><title>t</title></head><body>");
            html.append(head);
            StringBuilder closing = new StringBuilder();
            for (int i = 0; html.length() + closing.length() < bytes; i++) {
                String open = unit.apply(i);
                int split = open.indexOf('|');
                if (split >= 0) {
                    html.append(open, 0, split);
                    // Closing tags are written reversed and the whole run reversed at the end: last opened, first
                    // closed.
                    closing.append(open, split + 1, open.length());
                } else {
                    html.append(open);
                }
            }
            html.append("<p>").append(SENTENCE).append("</p>");
            html.append(closing.reverse());
            html.append(tail).append("</body></html>");
            return html.toString();
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("nested divs", "", i -> "<div>|>vid/<", ""),
            new Shape("flat paragraphs", "<main>", i -> "<p>" + SENTENCE + i + "</p>\n", "</main>"),
            new Shape("nested lists", "", i -> "<ul><li>item " + i + "|>lu/<>il/<", ""),
            new Shape("nested inline", "<p>", i -> "<b>|>b/<", "</p>"),
            new Shape("nested tables", "", i -> "<table><tr><td>|>elbat/<>rt/<>dt/<", ""),
            new Shape(
                    "huge table",
                    "<table><tr><th>id</th><th>name</th><th>value</th></tr>",
                    i -> "<tr><td>" + i + "</td><td>row name " + i + "</td><td>" + SENTENCE + "</td></tr>\n",
                    "</table>"),
            new Shape(
                    "sibling boilerplate",
                    "<article><p>" + SENTENCE + "</p>",
                    i -> "<div class=\"share\"><a href=\"/s" + i + "\">share " + i + "</a></div>\n",
                    "</article>"),
            new Shape(
                    "one link-dense block",
                    "<div><p>" + SENTENCE + "</p></div><div>",
                    i -> "<a href=\"/page" + i + "\">page " + i + "</a> ",
                    "</div>"),
            new Shape("nested headings", "", i -> "<h2><div>heading " + i + " |>vid/<>2h/<", ""));

    private ExtractionScaling() {}

    public static void main(String[] args) {
        List<Integer> sizesKb = args.length == 0
                ? DEFAULT_SIZES_KB
                : List.of(args).stream().map(Integer::parseInt).toList();
        HtmlExtractor extractor = new HtmlExtractor(
                new HtmlLimits(
                        HtmlLimits.DEFAULT_MAX_TEXT_CHARS,
                        HtmlLimits.DEFAULT_MAX_LINKS,
                        HtmlLimits.DEFAULT_MAX_DEPTH,
                        Duration.ofHours(1)),
                Clock.systemUTC());
        warmUp(extractor);
        StringBuilder header = new StringBuilder("| shape |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int size : sizesKb) {
            header.append(' ').append(label(size)).append(" |");
            rule.append("---|");
        }
        System.out.println(header.append(" ms per MB (smallest → largest) |"));
        System.out.println(rule.append("---|"));
        for (Shape shape : SHAPES) {
            StringBuilder row = new StringBuilder("| ").append(shape.name()).append(" |");
            double firstPerMb = 0;
            double lastPerMb = 0;
            for (int size : sizesKb) {
                byte[] page = shape.page(size * 1000).getBytes(StandardCharsets.UTF_8);
                long millis = timeMillis(extractor, page);
                double perMb = millis / (page.length / 1_000_000.0);
                firstPerMb = firstPerMb == 0 ? perMb : firstPerMb;
                lastPerMb = perMb;
                row.append(' ').append(millis).append(" ms |");
            }
            System.out.println(row.append(String.format(Locale.ROOT, " %.0f → %.0f |", firstPerMb, lastPerMb)));
        }
    }

    private static void warmUp(HtmlExtractor extractor) {
        for (Shape shape : SHAPES) {
            byte[] page = shape.page(200_000).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                extractor.extract(page, "text/html; charset=utf-8", PAGE_URL);
            }
        }
    }

    /** The best of a few runs (one for the largest pages). */
    private static long timeMillis(HtmlExtractor extractor, byte[] page) {
        int runs = page.length > 2_000_000 ? 1 : 3;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            extractor.extract(page, "text/html; charset=utf-8", PAGE_URL);
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
        }
        return best;
    }

    private static String label(int sizeKb) {
        return sizeKb >= 1000 ? (sizeKb / 1000) + " MB" : sizeKb + " KB";
    }
}
