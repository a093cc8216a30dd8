package dev.gleaner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.ingest.DocumentExtractor;
import dev.gleaner.ingest.DocumentProblem;
import dev.gleaner.ingest.HtmlExtractor;
import dev.gleaner.ingest.HtmlLimits;
import dev.gleaner.ingest.PlainTextExtractor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PageReaderTest {
    private static final URI PAGE = URI.create("https://example.org/big.html");

    @Test
    void anHtmlPageThatTakesTooLongToExtractIsUnreadableWithTheReason() {
        Clock jumping = new Clock() {
            private long reads;

            @Override
            public Instant instant() {
                return Instant.EPOCH.plusSeconds(reads++);
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        HtmlLimits limits = new HtmlLimits(
                HtmlLimits.DEFAULT_MAX_TEXT_CHARS,
                HtmlLimits.DEFAULT_MAX_LINKS,
                HtmlLimits.DEFAULT_MAX_DEPTH,
                Duration.ofSeconds(10));
        PageReader reader = new PageReader(
                new HtmlExtractor(limits, jumping), new PlainTextExtractor(), new DocumentExtractor(Clock.systemUTC()));
        byte[] body = ("<main>" + "<p>Words, words.</p>".repeat(50_000) + "</main>").getBytes(StandardCharsets.UTF_8);

        PageReader.Reading reading = reader.read(new FetchOutcome.Fetched(PAGE, 200, "text/html", body));

        assertThat(reading)
                .isEqualTo(new PageReader.Reading.Unreadable(
                        "HTML extraction took longer than 10 s: the page is too large or too deeply nested to read in"
                                + " time",
                        DocumentProblem.TOO_SLOW,
                        "HTML"));
    }
}
