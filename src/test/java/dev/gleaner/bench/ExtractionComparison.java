package dev.gleaner.bench;

import dev.gleaner.ingest.HtmlExtractor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * Compares main-content extraction with a plain body-text baseline ({@code Jsoup.parse(html).body().text()}) over the
 * extraction fixtures: per page and overall, kept-recall (share of must-keep sentences present) and boilerplate-leak
 * (share of must-drop sentences present). Prints a Markdown table.
 *
 * <p>Usage: {@code bin/bench extract}.
 */
public final class ExtractionComparison {
    private static final URI PAGE_URL = URI.create("https://fixtures.example/page.html");

    private ExtractionComparison() {}

    public static void main(String[] args) {
        HtmlExtractor extractor = new HtmlExtractor();
        Score oursTotal = new Score(0, 0, 0, 0);
        Score baselineTotal = new Score(0, 0, 0, 0);
        System.out.println("| page | ours kept-recall | ours boilerplate-leak | body-text kept-recall"
                + " | body-text boilerplate-leak |");
        System.out.println("|---|---|---|---|---|");
        for (ExtractionFixture fixture : ExtractionFixture.all()) {
            String ours = extractor
                    .extract(fixture.html(), "text/html; charset=utf-8", PAGE_URL)
                    .text();
            String baseline = Jsoup.parse(new String(fixture.html(), StandardCharsets.UTF_8))
                    .body()
                    .text();
            Score oursScore = Score.of(fixture, ours);
            Score baselineScore = Score.of(fixture, baseline);
            oursTotal = oursTotal.plus(oursScore);
            baselineTotal = baselineTotal.plus(baselineScore);
            System.out.println(row(fixture.name(), oursScore, baselineScore));
        }
        System.out.println(row("**overall**", oursTotal, baselineTotal));
    }

    private static String row(String name, Score ours, Score baseline) {
        return "| " + name + " | " + ours.recall() + " | " + ours.leak() + " | " + baseline.recall() + " | "
                + baseline.leak() + " |";
    }

    private record Score(int kept, int keep, int leaked, int drop) {
        static Score of(ExtractionFixture fixture, String text) {
            return new Score(
                    fixture.mustKeep().size() - fixture.missing(text).size(),
                    fixture.mustKeep().size(),
                    fixture.leaked(text).size(),
                    fixture.mustDrop().size());
        }

        Score plus(Score other) {
            return new Score(kept + other.kept, keep + other.keep, leaked + other.leaked, drop + other.drop);
        }

        String recall() {
            return percent(kept, keep);
        }

        String leak() {
            return percent(leaked, drop);
        }

        private static String percent(int part, int whole) {
            return String.format(Locale.ROOT, "%d/%d (%.0f%%)", part, whole, whole == 0 ? 0.0 : 100.0 * part / whole);
        }
    }
}
