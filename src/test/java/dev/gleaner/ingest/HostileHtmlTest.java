package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.junit.jupiter.api.Test;

/** Pages built to hold a worker: absurd nesting, huge sibling lists, and the extraction deadline. */
class HostileHtmlTest {
    private static final URI PAGE = URI.create("https://example.org/hostile.html");
    private static final Duration NO_DEADLINE = Duration.ofDays(1);

    private static ExtractedPage extract(String html) {
        return new HtmlExtractor(limits(NO_DEADLINE), Clock.systemUTC())
                .extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", PAGE);
    }

    private static HtmlLimits limits(Duration timeout) {
        return new HtmlLimits(
                HtmlLimits.DEFAULT_MAX_TEXT_CHARS, HtmlLimits.DEFAULT_MAX_LINKS, HtmlLimits.DEFAULT_MAX_DEPTH, timeout);
    }

    @Test
    void aPageNestedAHundredThousandDeepKeepsAllItsWordsInOrder() {
        int depth = 100_000;
        StringBuilder html = new StringBuilder("<main>");
        for (int i = 0; i < depth; i++) {
            html.append("<div><span>w").append(i).append(" </span>");
        }
        html.append("</div>".repeat(depth)).append("</main>");

        String text = extract(html.toString()).text().replaceAll("\\s+", " ");

        assertThat(text).startsWith("w0 w1 w2").endsWith("w99998 w99999");
        assertThat(text.split("\\s+")).hasSize(depth);
        assertThat(text.indexOf("w511 ")).isLessThan(text.indexOf("w512 "));
        assertThat(text.indexOf("w50000 ")).isLessThan(text.indexOf("w50001 "));
    }

    @Test
    void theDepthCapLaysDeeperNodesFlatUnderTheElementAtTheLimit() {
        Document document = Jsoup.parse("<body>" + "<div><p>para</p>".repeat(2_000) + "</body>");
        int before = maxDepth(document.body());

        DepthCap.apply(document.body(), 512, new ExtractionDeadline(Clock.systemUTC(), NO_DEADLINE));

        assertThat(before).isGreaterThan(2_000);
        assertThat(maxDepth(document.body())).isEqualTo(513);
        assertThat(document.body().text().split(" ")).hasSize(2_000).containsOnly("para");
    }

    @Test
    void blocksBeyondTheDepthLimitStillSeparateTheirWords() {
        String html = "<main>" + "<div>".repeat(1_000) + "<p>alpha</p><p>beta</p><ul><li>gamma</li></ul></main>";

        assertThat(extract(html).text())
                .contains("alpha")
                .contains("beta")
                .contains("gamma")
                .doesNotContain("alphabeta")
                .doesNotContain("betagamma");
    }

    @Test
    void deepNestingInsideAHeadingStillYieldsOneHeading() {
        String html = "<main><h2 id=\"deep\">" + "<span>".repeat(5_000) + "Deep title" + "</span>".repeat(5_000)
                + "</h2><p>Body.</p></main>";

        assertThat(extract(html).text()).isEqualTo("## Deep title {#deep}\n\nBody.");
    }

    @Test
    void tensOfThousandsOfBoilerplateSiblingsAreAllRemoved() {
        String html = "<article><p>The one real paragraph of this page.</p>"
                + "<div class=\"share\"><a href=\"/s\">share</a></div>".repeat(50_000)
                + "<p>And its last line.</p></article>";

        assertThat(extract(html).text()).isEqualTo("The one real paragraph of this page.\n\nAnd its last line.");
    }

    @Test
    void nestedOneColumnTablesAreRenderedOnce() {
        String html = "<main>" + "<table><tr><td>cell ".repeat(300) + "</main>";

        String text = extract(html).text();

        assertThat(text.split("cell", -1)).hasSize(301);
    }

    @Test
    void extractionStopsAtItsDeadlineByTheInjectedClock() {
        byte[] page = ("<main>" + "<p>Paragraph, with words.</p>".repeat(50_000) + "</main>")
                .getBytes(StandardCharsets.UTF_8);
        HtmlExtractor extractor =
                new HtmlExtractor(limits(Duration.ofSeconds(10)), new SteppingClock(Duration.ofSeconds(1)));

        assertThat(extractor.read(page, "text/html", PAGE))
                .isEqualTo(new DocumentReading.Unreadable(
                        DocumentProblem.TOO_SLOW,
                        "HTML",
                        "HTML extraction took longer than 10 s: the page is too large or"
                                + " too deeply nested to read in time"));
        assertThatThrownBy(() -> extractor.extract(page, "text/html", PAGE))
                .isInstanceOf(ExtractionTimeoutException.class)
                .hasMessageStartingWith("HTML extraction took longer than 10 s");
    }

    @Test
    void aPageWithinItsDeadlineIsRead() {
        byte[] page = "<main><p>Quick page.</p></main>".getBytes(StandardCharsets.UTF_8);
        HtmlExtractor extractor =
                new HtmlExtractor(limits(Duration.ofSeconds(10)), new SteppingClock(Duration.ofSeconds(1)));

        assertThat(extractor.read(page, "text/html", PAGE))
                .isInstanceOfSatisfying(
                        DocumentReading.Read.class,
                        read -> assertThat(read.page().text()).isEqualTo("Quick page."));
    }

    private static int maxDepth(Element root) {
        int[] deepest = {0};
        NodeTraversor.traverse((NodeVisitor) (node, depth) -> deepest[0] = Math.max(deepest[0], depth), root);
        return deepest[0];
    }

    /** A clock that moves on by a fixed step every time it is read, so a deadline passes after a known number of reads. */
    private static final class SteppingClock extends Clock {
        private final AtomicLong reads = new AtomicLong();
        private final Duration step;

        SteppingClock(Duration step) {
            this.step = step;
        }

        @Override
        public Instant instant() {
            return Instant.EPOCH.plus(step.multipliedBy(reads.getAndIncrement()));
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
