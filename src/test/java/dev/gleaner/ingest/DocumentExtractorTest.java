package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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

    private final DocumentExtractor extractor = new DocumentExtractor(Clock.systemUTC());

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
                .startsWith("corrupt or unreadable application/pdf document: ");
    }

    @Test
    void aPasswordProtectedPdfIsUnreadableAsEncrypted() {
        assertThat(unreadableReason(extractor.extract(DocumentFixtures.encryptedPdf(), PDF_TYPE, PDF_SOURCE)))
                .startsWith("encrypted application/pdf document");
    }

    @Test
    void anotherTypeIsUnreadableAsUnsupported() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

        assertThat(unreadableReason(extractor.extract(png, PDF_TYPE, PDF_SOURCE)))
                .isEqualTo("not a supported document type: image/png");
    }

    @Test
    void aDocumentOverTheSizeLimitIsNotParsed() {
        byte[] pdf = twoPagePdf("Large");
        DocumentLimits limits = new DocumentLimits(1_000, 10, pdf.length - 1, Duration.ofMinutes(1));

        assertThat(unreadableReason(
                        new DocumentExtractor(limits, Clock.systemUTC()).extract(pdf, PDF_TYPE, PDF_SOURCE)))
                .contains("exceeds the limit of " + (pdf.length - 1) + " bytes");
    }

    @Test
    void textIsBoundedByTheLimitAtAWordBoundary() {
        List<String> lines = java.util.Collections.nCopies(12, "lorem ipsum dolor sit amet");
        byte[] pdf = DocumentFixtures.pdf("Long", List.of(lines, lines));
        DocumentLimits limits = new DocumentLimits(60, 10, 1_000_000, Duration.ofMinutes(1));

        String text = read(new DocumentExtractor(limits, Clock.systemUTC()).extract(pdf, PDF_TYPE, PDF_SOURCE))
                .text();

        assertThat(text.length()).isLessThanOrEqualTo(60);
        assertThat(text).startsWith("lorem ipsum dolor sit amet").doesNotEndWith(" ");
    }

    @Test
    void parsingThatOutlivesTheTimeoutIsUnreadable() {
        DocumentLimits limits = new DocumentLimits(1_000, 10, 1_000_000, Duration.ofSeconds(5));
        DocumentExtractor slow = new DocumentExtractor(limits, new SteppingClock(Duration.ofSeconds(1)));

        assertThat(unreadableReason(slow.extract(twoPagePdf("Slow"), PDF_TYPE, PDF_SOURCE)))
                .isEqualTo("parsing the application/pdf document took longer than PT5S");
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
