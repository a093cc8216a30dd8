package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.DefaultSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DocumentExtractorTest {
    private static final URI PDF_SOURCE = URI.create("https://example.org/files/annual%20report.pdf");
    private static final URI DOCX_SOURCE = URI.create("https://example.org/files/guide.docx");
    private static final String PDF_TYPE = "application/pdf";
    private static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final DocumentExtractor extractor = DefaultSettings.documentExtractor(Clock.systemUTC());

    private static ExtractedPage read(DocumentReading reading) {
        assertThat(reading).isInstanceOf(DocumentReading.Read.class);
        return ((DocumentReading.Read) reading).page();
    }

    private static String unreadableReason(DocumentReading reading) {
        assertThat(reading).isInstanceOf(DocumentReading.Unreadable.class);
        return ((DocumentReading.Unreadable) reading).reason();
    }

    private static byte[] twoPagePdf(@Nullable String title) {
        return DocumentFixtures.pdf(
                title, List.of(List.of("First paragraph on page one.", "Second paragraph."), List.of("Page two.")));
    }

    @Test
    void pdfTextKeepsParagraphsInOrderAcrossPages() {
        ExtractedPage page = read(extractor.extract(twoPagePdf("Annual Report"), PDF_TYPE, PDF_SOURCE));

        assertThat(page.text()).isEqualTo("First paragraph on page one.\n\nSecond paragraph.\n\nPage two.");
        assertThat(page)
                .extracting(ExtractedPage::noindex, ExtractedPage::nofollow, ExtractedPage::canonical)
                .containsExactly(false, false, null);
    }

    @Test
    void pdfTitleComesFromTheDocumentInformation() {
        assertThat(read(extractor.extract(twoPagePdf("Annual Report"), PDF_TYPE, PDF_SOURCE))
                        .title())
                .isEqualTo("Annual Report");
    }

    @Test
    void titleFallsBackToTheFileNameOfTheSource() {
        assertThat(read(extractor.extract(twoPagePdf(null), PDF_TYPE, PDF_SOURCE))
                        .title())
                .isEqualTo("annual report.pdf");
    }

    @Test
    void pdfLinkAnnotationsBecomeLinksWithoutTheirTextInTheBody() {
        ExtractedPage page = read(extractor.extract(DocumentFixtures.pdfWithLink(), PDF_TYPE, PDF_SOURCE));

        assertThat(page.links()).containsExactly(DocumentFixtures.PDF_LINK);
        assertThat(page.text()).isEqualTo("See the linked page.");
    }

    @Test
    void taggedPdfHeadingsBecomeHashLines() {
        byte[] pdf = DocumentFixtures.taggedPdf(List.of(
                Map.entry("H1", "Overview"),
                Map.entry("P", "Tagged paragraph."),
                Map.entry("H2", "Details"),
                Map.entry("P", "More text.")));

        ExtractedPage page = read(extractor.extract(pdf, PDF_TYPE, PDF_SOURCE));

        assertThat(page.text()).isEqualTo("# Overview\n\nTagged paragraph.\n\n## Details\n\nMore text.");
        assertThat(page.title()).isEqualTo("Overview");
    }

    @Test
    void docxHeadingsBecomeHashLinesBetweenTheirParagraphs() {
        byte[] docx = new DocumentFixtures.Docx()
                .title("User Guide")
                .heading(1, "Installation")
                .paragraph("Download the archive.")
                .heading(2, "Requirements")
                .paragraph("Java 21 or later.")
                .bytes();

        ExtractedPage page = read(extractor.extract(docx, DOCX_TYPE, DOCX_SOURCE));

        assertThat(page.title()).isEqualTo("User Guide");
        assertThat(page.text())
                .isEqualTo("# Installation\n\nDownload the archive.\n\n## Requirements\n\nJava 21 or later.");
    }

    @Test
    void docxTitleFallsBackToTheFirstHeading() {
        byte[] docx = new DocumentFixtures.Docx()
                .paragraph("Preface without style.")
                .heading(2, "First Heading")
                .bytes();

        assertThat(read(extractor.extract(docx, DOCX_TYPE, DOCX_SOURCE)).title())
                .isEqualTo("First Heading");
    }

    @Test
    void docxHeadingStylesNamedInAnotherLanguageBecomeHashLines() {
        byte[] docx = new DocumentFixtures.Docx()
                .styled("berschrift1", "\u00dcberschrift 1", "Einleitung")
                .paragraph("Der erste Abschnitt.")
                .styled("Titre2", "Titre 2", "D\u00e9tails")
                .paragraph("Le second paragraphe.")
                .bytes();

        ExtractedPage page = read(extractor.extract(docx, DOCX_TYPE, DOCX_SOURCE));

        assertThat(page.text())
                .isEqualTo("# Einleitung\n\nDer erste Abschnitt.\n\n## D\u00e9tails\n\nLe second paragraphe.");
        assertThat(page.title()).isEqualTo("Einleitung");
    }

    @Test
    void docxTitleStyleIsTheTitleAndATopHeading() {
        byte[] docx = new DocumentFixtures.Docx()
                .styled("Title", "Title", "Field Manual")
                .heading(1, "Installation")
                .paragraph("Unpack the archive.")
                .heading(6, "Footnote")
                .bytes();

        ExtractedPage page = read(extractor.extract(docx, DOCX_TYPE, DOCX_SOURCE));

        assertThat(page.title()).isEqualTo("Field Manual");
        assertThat(page.text()).isEqualTo("# Field Manual\n\n# Installation\n\nUnpack the archive.\n\n###### Footnote");
    }

    @Test
    void pdfBookmarksBecomeHeadingsWhereTheirTitlesStartTheirPages() {
        byte[] pdf = DocumentFixtures.pdfWithOutline(
                null,
                List.of(
                        List.of("Introduction", "Gleaner crawls sites."),
                        List.of("Installing", "Unpack the archive."),
                        List.of("Stop the service first.")),
                List.of(
                        new DocumentFixtures.Bookmark(1, "Introduction", 0),
                        new DocumentFixtures.Bookmark(1, "Setup", 1),
                        new DocumentFixtures.Bookmark(2, "Installing", 1),
                        new DocumentFixtures.Bookmark(2, "Upgrading", 2)));

        ExtractedPage page = read(extractor.extract(pdf, PDF_TYPE, PDF_SOURCE));

        assertThat(page.text())
                .isEqualTo("# Introduction\n\nGleaner crawls sites.\n\n# Setup\n\n## Installing\n\n"
                        + "Unpack the archive.\n\n## Upgrading\n\nStop the service first.");
        assertThat(page.title()).isEqualTo("Introduction");
    }

    @Test
    void aPdfTitleWinsOverItsFirstBookmark() {
        byte[] pdf = DocumentFixtures.pdfWithOutline(
                "Operations Guide",
                List.of(List.of("Backups run nightly.")),
                List.of(new DocumentFixtures.Bookmark(1, "Backups", 0)));

        ExtractedPage page = read(extractor.extract(pdf, PDF_TYPE, PDF_SOURCE));

        assertThat(page.title()).isEqualTo("Operations Guide");
        assertThat(page.text()).isEqualTo("# Backups\n\nBackups run nightly.");
    }

    @Test
    void aDocxBombIsRefusedBeforeParsingAsTooLargeWhenUnpacked() {
        DocumentReading reading = extractor.extract(DocumentBombs.docx(2_000_000), DOCX_TYPE, DOCX_SOURCE);

        assertThat(reading).isInstanceOf(DocumentReading.Unreadable.class);
        assertThat(((DocumentReading.Unreadable) reading).problem()).isEqualTo(DocumentProblem.TOO_LARGE_UNPACKED);
        assertThat(unreadableReason(reading))
                .isEqualTo("The document is too large when unpacked: a part of it unpacks to more than 100 times"
                        + " its packed size");
    }

    @Test
    void aDocxOverTheUnpackedLimitIsRefused() {
        DocumentLimits limits = DefaultSettings.documentLimits().withZip(5_000, 1024 * 1024, 1_000_000);
        byte[] docx = new DocumentFixtures.Docx()
                .paragraph("x".repeat(600_000))
                .paragraph("y".repeat(600_000))
                .bytes();

        assertThat(unreadableReason(
                        new DocumentExtractor(limits, Clock.systemUTC()).extract(docx, DOCX_TYPE, DOCX_SOURCE)))
                .isEqualTo("The document is too large when unpacked: it unpacks to more than 1 MB");
    }

    @Test
    void aSpreadsheetIsNotReadEvenWhenServedAsADocument() {
        DocumentReading reading = extractor.extract(DocumentBombs.xlsx(100_000), DOCX_TYPE, DOCX_SOURCE);

        assertThat(((DocumentReading.Unreadable) reading).problem()).isEqualTo(DocumentProblem.UNSUPPORTED_TYPE);
        assertThat(unreadableReason(reading)).startsWith("The file is not a PDF, Word, OpenDocument or RTF document");
    }

    @Test
    void docxTableKeepsTheCellTextOneRowPerLine() {
        byte[] docx = new DocumentFixtures.Docx()
                .paragraph("Prices:")
                .table(List.of(List.of("Plan", "Price"), List.of("Basic", "10 EUR")))
                .bytes();

        assertThat(read(extractor.extract(docx, DOCX_TYPE, DOCX_SOURCE)).text())
                .isEqualTo("Prices:\n\nPlan Price\n\nBasic 10 EUR");
    }

    @Test
    void docxHyperlinksBecomeLinksAndKeepTheirText() {
        byte[] docx = new DocumentFixtures.Docx()
                .link("the changelog", "https://example.org/changelog#latest")
                .bytes();

        ExtractedPage page = read(extractor.extract(docx, DOCX_TYPE, DOCX_SOURCE));

        assertThat(page.links()).containsExactly("https://example.org/changelog");
        assertThat(page.text()).isEqualTo("the changelog");
    }

    @Test
    void theTypeIsDetectedWhenTheServerDeclaresNoneOrAGenericOne() {
        byte[] docx = new DocumentFixtures.Docx().paragraph("Detected.").bytes();

        assertThat(read(extractor.extract(docx, "application/octet-stream", DOCX_SOURCE))
                        .text())
                .isEqualTo("Detected.");
        assertThat(read(extractor.extract(docx, null, DOCX_SOURCE)).text()).isEqualTo("Detected.");
    }

    @Test
    void openDocumentTextIsRead() {
        byte[] odt = DocumentFixtures.odt(
                "<text:h text:outline-level=\"2\">Chapter</text:h><text:p>OpenDocument paragraph.</text:p>");

        ExtractedPage page =
                read(extractor.extract(odt, DocumentFixtures.ODT_TYPE, URI.create("https://example.org/c.odt")));

        assertThat(page.text()).isEqualTo("## Chapter\n\nOpenDocument paragraph.");
        assertThat(page.title()).isEqualTo("Chapter");
    }

    @Test
    void rtfIsRead() {
        byte[] rtf = "{\\rtf1\\ansi{\\info{\\title Notes}}First line.\\par Second line.\\par}"
                .getBytes(StandardCharsets.US_ASCII);

        ExtractedPage page = read(extractor.extract(rtf, "text/rtf", URI.create("https://example.org/n.rtf")));

        assertThat(page.title()).isEqualTo("Notes");
        assertThat(page.text()).isEqualTo("First line.\n\nSecond line.");
    }

    @Test
    void aTruncatedPdfIsUnreadableWithTheReason() {
        byte[] pdf = twoPagePdf("Broken");
        byte[] truncated = Arrays.copyOf(pdf, pdf.length / 2);

        assertThat(unreadableReason(extractor.extract(truncated, PDF_TYPE, PDF_SOURCE)))
                .isEqualTo("The document could not be parsed: it is damaged or not a valid PDF");
    }

    @Test
    void aPasswordProtectedPdfIsUnreadableAsEncrypted() {
        assertThat(unreadableReason(extractor.extract(DocumentFixtures.encryptedPdf(), PDF_TYPE, PDF_SOURCE)))
                .isEqualTo("The PDF is protected by a password: it can be read once it is published without one");
    }

    @Test
    void anotherTypeIsUnreadableAsUnsupported() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

        assertThat(unreadableReason(extractor.extract(png, PDF_TYPE, PDF_SOURCE)))
                .isEqualTo("The file is not a PDF, Word, OpenDocument or RTF document (its content is image/png)");
    }

    @Test
    void aDocumentOverTheSizeLimitIsNotParsed() {
        byte[] pdf = twoPagePdf("Large");
        DocumentLimits limits = DefaultSettings.documentLimits().with(1_000, 10, pdf.length - 1, Duration.ofMinutes(1));

        assertThat(unreadableReason(
                        new DocumentExtractor(limits, Clock.systemUTC()).extract(pdf, PDF_TYPE, PDF_SOURCE)))
                .isEqualTo("The document is larger than the limit of " + (pdf.length - 1) + " bytes");
    }

    @Test
    void textIsBoundedByTheLimitAtAWordBoundary() {
        List<String> lines = java.util.Collections.nCopies(12, "lorem ipsum dolor sit amet");
        byte[] pdf = DocumentFixtures.pdf("Long", List.of(lines, lines));
        DocumentLimits limits = DefaultSettings.documentLimits().with(60, 10, 1_000_000, Duration.ofMinutes(1));

        String text = read(new DocumentExtractor(limits, Clock.systemUTC()).extract(pdf, PDF_TYPE, PDF_SOURCE))
                .text();

        assertThat(text.length()).isLessThanOrEqualTo(60);
        assertThat(text).startsWith("lorem ipsum dolor sit amet").doesNotEndWith(" ");
    }

    @Test
    void parsingThatOutlivesTheTimeoutIsUnreadable() {
        DocumentLimits limits = DefaultSettings.documentLimits().with(1_000, 10, 1_000_000, Duration.ofSeconds(5));
        DocumentExtractor slow = new DocumentExtractor(limits, new SteppingClock(Duration.ofSeconds(1)));

        assertThat(unreadableReason(slow.extract(twoPagePdf("Slow"), PDF_TYPE, PDF_SOURCE)))
                .isEqualTo("Parsing took longer than 5 s: the document is too large or too complex");
    }

    @Test
    void handlesTheDocumentContentTypes() {
        assertThat(DocumentExtractor.handles("application/pdf")).isTrue();
        assertThat(DocumentExtractor.handles("Application/PDF; qs=0.9")).isTrue();
        assertThat(DocumentExtractor.handles(DOCX_TYPE)).isTrue();
        assertThat(DocumentExtractor.handles("application/msword")).isTrue();
        assertThat(DocumentExtractor.handles(DocumentFixtures.ODT_TYPE)).isTrue();
        assertThat(DocumentExtractor.handles("text/rtf")).isTrue();
        assertThat(DocumentExtractor.handles("text/html")).isFalse();
        assertThat(DocumentExtractor.handles("application/octet-stream")).isFalse();
        assertThat(DocumentExtractor.handles(null)).isFalse();
    }

    /** A clock that moves {@code step} forward each time it is read, so a parse takes "long" on it. */
    private static final class SteppingClock extends Clock {
        private final Duration step;
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        SteppingClock(Duration step) {
            this.step = step;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plus(step);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("not needed");
        }
    }
}
