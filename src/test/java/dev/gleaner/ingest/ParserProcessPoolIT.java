package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.DefaultSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Documents are parsed in parser processes: a document that exhausts a process's memory, outlives the deadline or
 * crashes its process ends as unreadable with a neutral reason, only that process dies, and the pool goes on with a
 * new one.
 */
class ParserProcessPoolIT {
    private static final URI SOURCE = URI.create("https://example.org/files/report.pdf");
    private static final String PDF = "application/pdf";
    private static final byte[] GOOD_PDF =
            DocumentFixtures.pdf("Good", List.of(List.of("The pool still reads documents.")));
    /** The limits with the zip checks switched off, so that a zip bomb reaches the parser. */
    private static final DocumentLimits NO_ZIP_CHECKS =
            DefaultSettings.documentLimits().withZip(1_000_000, Long.MAX_VALUE, 1_000_000);

    private static ParserSettings settings(int heapMegabytes, DocumentLimits limits) {
        return new ParserSettings(1, heapMegabytes, limits);
    }

    private static DocumentReading.Unreadable unreadable(DocumentReading reading) {
        assertThat(reading).isInstanceOf(DocumentReading.Unreadable.class);
        return (DocumentReading.Unreadable) reading;
    }

    private static void assertReadsAGoodPdf(ParserProcessPool pool) {
        DocumentReading reading = pool.extract(GOOD_PDF, PDF, SOURCE);
        assertThat(reading).isInstanceOf(DocumentReading.Read.class);
        assertThat(((DocumentReading.Read) reading).page().text()).isEqualTo("The pool still reads documents.");
    }

    @Test
    void documentsAreReadInOneReusedProcess() {
        try (ParserProcessPool pool = new ParserProcessPool(settings(128, DefaultSettings.documentLimits()))) {
            assertReadsAGoodPdf(pool);
            byte[] docx = new DocumentFixtures.Docx()
                    .heading(1, "Setup")
                    .paragraph("Install it.")
                    .bytes();
            DocumentReading reading = pool.extract(docx, DocumentBombs.DOCX_TYPE, URI.create("file:///a.docx"));

            assertThat(((DocumentReading.Read) reading).page().text()).isEqualTo("# Setup\n\nInstall it.");
            assertThat(pool.started()).isEqualTo(1);
            assertThat(pool.lost()).isZero();
            assertThat(pool.running()).isEqualTo(1);
        }
    }

    @Test
    void theDocxOfFifteenMillionEmptyParagraphsIsRefusedBeforeParsing() {
        byte[] bomb = DocumentBombs.docx(15_000_000);
        assertThat(bomb.length).isLessThan(300_000);
        try (ParserProcessPool pool = new ParserProcessPool(settings(128, DefaultSettings.documentLimits()))) {
            DocumentReading.Unreadable refused =
                    unreadable(pool.extract(bomb, DocumentBombs.DOCX_TYPE, URI.create("file:///bomb.docx")));

            assertThat(refused.problem()).isEqualTo(DocumentProblem.TOO_LARGE_UNPACKED);
            assertThat(refused.reason())
                    .isEqualTo("The document is too large when unpacked: a part of it unpacks to more than 100 times"
                            + " its packed size");
            assertThat(pool.lost()).isZero();
            assertReadsAGoodPdf(pool);
            assertThat(pool.started()).isEqualTo(1);
        }
    }

    @Test
    void aDocxBombPastTheZipChecksEndsOnlyItsProcess() {
        byte[] bomb = DocumentBombs.docx(15_000_000);
        try (ParserProcessPool pool = new ParserProcessPool(settings(96, NO_ZIP_CHECKS))) {
            DocumentReading.Unreadable refused =
                    unreadable(pool.extract(bomb, DocumentBombs.DOCX_TYPE, URI.create("file:///bomb.docx")));

            assertThat(refused.problem()).isIn(DocumentProblem.TOO_LARGE_UNPACKED, DocumentProblem.TOO_SLOW);
            assertThat(refused.reason()).doesNotContain("Exception", "Error", "at org.");
            assertReadsAGoodPdf(pool);
        }
    }

    @Test
    void aPdfWhosePageInflatesToHalfAGigabyteEndsOnlyItsProcess() {
        byte[] bomb = DocumentBombs.pdf(512L * 1024 * 1024);
        assertThat(bomb.length).isLessThan(2_000_000);
        try (ParserProcessPool pool = new ParserProcessPool(settings(96, DefaultSettings.documentLimits()))) {
            DocumentReading.Unreadable refused = unreadable(pool.extract(bomb, PDF, SOURCE));

            assertThat(refused.problem()).isIn(DocumentProblem.TOO_LARGE_UNPACKED, DocumentProblem.TOO_SLOW);
            assertThat(pool.lost()).isEqualTo(1);
            assertReadsAGoodPdf(pool);
            assertThat(pool.started()).isEqualTo(2);
        }
    }

    @Test
    void aProcessThatRunsOutOfMemoryIsReplaced() {
        try (ParserProcessPool pool = misbehaving(DefaultSettings.documentLimits())) {
            DocumentReading.Unreadable refused = unreadable(pool.extract(new byte[] {1}, "oom", SOURCE));

            assertThat(refused.problem()).isEqualTo(DocumentProblem.TOO_LARGE_UNPACKED);
            assertThat(refused.reason())
                    .isEqualTo("The document is too large when unpacked: reading it needs more than the 64 MB of"
                            + " memory a document may use");
            assertThat(pool.lost()).isEqualTo(1);
            assertReadsAGoodPdf(pool);
            assertThat(pool.started()).isEqualTo(2);
        }
    }

    @Test
    void aProcessPastTheDeadlineIsKilledAndReplaced() {
        DocumentLimits limits =
                DefaultSettings.documentLimits().with(1_000_000, 100, 1_000_000, Duration.ofSeconds(10));
        try (ParserProcessPool pool = misbehaving(limits)) {
            DocumentReading.Unreadable refused = unreadable(pool.extract(new byte[] {1}, "hang", SOURCE));

            assertThat(refused.problem()).isEqualTo(DocumentProblem.TOO_SLOW);
            assertThat(refused.reason())
                    .isEqualTo("Parsing took longer than 10 s: the document is too large or too complex");
            assertThat(pool.lost()).isEqualTo(1);
            assertReadsAGoodPdf(pool);
        }
    }

    @Test
    void aProcessThatExitsIsReplaced() {
        try (ParserProcessPool pool = misbehaving(DefaultSettings.documentLimits())) {
            DocumentReading.Unreadable refused = unreadable(pool.extract(new byte[] {1}, "exit", SOURCE));

            assertThat(refused.problem()).isEqualTo(DocumentProblem.PARSER_STOPPED);
            assertThat(refused.reason())
                    .isEqualTo("The document could not be parsed: reading it stopped the parser (the document is"
                            + " probably damaged)");
            assertReadsAGoodPdf(pool);
            assertThat(pool.started()).isEqualTo(2);
        }
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefusedWithoutAProcess() {
        DocumentLimits limits = DefaultSettings.documentLimits().with(1_000, 10, 100, Duration.ofSeconds(30));
        try (ParserProcessPool pool = new ParserProcessPool(settings(64, limits))) {
            DocumentReading.Unreadable refused = unreadable(pool.extract(GOOD_PDF, PDF, SOURCE));

            assertThat(refused.problem()).isEqualTo(DocumentProblem.TOO_LARGE);
            assertThat(pool.started()).isZero();
        }
    }

    private static ParserProcessPool misbehaving(DocumentLimits limits) {
        ParserSettings settings = settings(64, limits);
        return new ParserProcessPool(
                settings, ParserProcessPool.command(settings, MisbehavingParserChild.class.getName()));
    }
}
