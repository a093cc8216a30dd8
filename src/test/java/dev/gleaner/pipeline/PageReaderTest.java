package dev.gleaner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.ingest.DocumentFixtures;
import dev.gleaner.ingest.DocumentProblem;
import dev.gleaner.ingest.HtmlExtractor;
import dev.gleaner.ingest.HtmlLimits;
import dev.gleaner.ingest.PlainTextExtractor;
import dev.gleaner.testapp.DefaultSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
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
                new HtmlExtractor(limits, jumping),
                new PlainTextExtractor(),
                DefaultSettings.documentExtractor(Clock.systemUTC()));
        byte[] body = ("<main>" + "<p>Words, words.</p>".repeat(50_000) + "</main>").getBytes(StandardCharsets.UTF_8);

        PageReader.Reading reading = reader.read(new FetchOutcome.Fetched(PAGE, 200, "text/html", body));

        assertThat(reading)
                .isEqualTo(new PageReader.Reading.Unreadable(
                        "HTML extraction took longer than 10 s: the page is too large or too deeply nested to read in"
                                + " time",
                        DocumentProblem.TOO_SLOW,
                        "HTML"));
    }

    @Test
    void aPdfServedAsPlainTextIsReadAsThePdfItIs() {
        PageReader reader = defaultReader();
        byte[] pdf = DocumentFixtures.pdf("Guide", List.of(List.of("Mooring lines are inspected every month.")));

        PageReader.Reading reading = reader.read(new FetchOutcome.Fetched(PAGE, 200, "text/plain", pdf));

        assertThat(reading).isInstanceOfSatisfying(PageReader.Reading.Read.class, read -> assertThat(
                        read.page().text())
                .contains("Mooring lines are inspected every month."));
    }

    @Test
    void textNoCharsetDecodesFailsAsUndecodableWithTheCharsetsTried() {
        PageReader reader = defaultReader();
        byte[] body = ("Intro " + "\u0081\u008D\u008F\u0090\u009D ".repeat(40)).getBytes(StandardCharsets.ISO_8859_1);

        PageReader.Reading reading = reader.read(new FetchOutcome.Fetched(PAGE, 200, "text/html; charset=utf-8", body));

        assertThat(reading).isInstanceOfSatisfying(PageReader.Reading.Unreadable.class, unreadable -> {
            assertThat(unreadable.problem()).isEqualTo(DocumentProblem.UNDECODABLE_TEXT);
            assertThat(unreadable.reason()).startsWith("The text could not be decoded: as UTF-8");
        });
    }

    @Test
    void anImageServedAsHtmlIsUnsupported() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

        PageReader.Reading reading = defaultReader().read(new FetchOutcome.Fetched(PAGE, 200, "text/html", png));

        assertThat(reading).isInstanceOfSatisfying(PageReader.Reading.Unsupported.class, unsupported -> assertThat(
                        unsupported.reason())
                .contains("image/png"));
    }

    private static PageReader defaultReader() {
        return new PageReader(
                new HtmlExtractor(), new PlainTextExtractor(), DefaultSettings.documentExtractor(Clock.systemUTC()));
    }
}
