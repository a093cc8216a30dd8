package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.MediaType;
import dev.gleaner.ingest.ContentSniffer.Sniffed;
import dev.gleaner.ingest.ContentSniffer.TextKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {
    private static final byte[] PNG = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1
    };
    private static final String HTML =
            "<!doctype html><html><head><title>T</title></head><body><p>Hello.</p></body>" + "</html>";

    private final ContentSniffer sniffer = new ContentSniffer();

    @Test
    void randomBytesLabelledHtmlAreBinaryAndUnsupported() {
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);

        Sniffed sniffed = sniffer.sniff(random, MediaType.parse("text/html; charset=utf-8"));

        assertThat(sniffed)
                .isInstanceOfSatisfying(Sniffed.Unsupported.class, unsupported -> assertThat(unsupported.reason())
                        .startsWith("The body is binary data (application/octet-stream: ")
                        .contains("of its first 4096 bytes are control bytes")
                        .contains("although the server labelled it text/html"));
    }

    @Test
    void aPngLabelledHtmlIsNamedByItsBytes() {
        Sniffed sniffed = sniffer.sniff(PNG, MediaType.parse("text/html"));

        assertThat(sniffed)
                .isEqualTo(new Sniffed.Unsupported("The body is image/png by its bytes although the server labelled it"
                        + " text/html; images are not indexed. Leave such URLs out of the crawl (excludePaths), or"
                        + " have the server send the content it names"));
    }

    @Test
    void archivesAndExecutablesLabelledTextAreUnsupported() {
        byte[] gzip = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
        byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThat(sniffer.sniff(gzip, MediaType.parse("text/plain")))
                .isInstanceOfSatisfying(Sniffed.Unsupported.class, u -> assertThat(u.reason())
                        .startsWith("The body is application/gzip by its bytes"));
        assertThat(sniffer.sniff(elf, MediaType.parse("text/html")))
                .isInstanceOfSatisfying(Sniffed.Unsupported.class, u -> assertThat(u.reason())
                        .startsWith("The body is application/x-elf by its bytes"));
    }

    @Test
    void aPdfIsADocumentWhateverItsLabel() {
        byte[] pdf = DocumentFixtures.pdf("Guide", List.of(List.of("Mooring lines are inspected every month.")));

        for (String label : List.of("application/octet-stream", "binary/octet-stream", "text/plain", "text/html", "")) {
            assertThat(sniffer.sniff(pdf, MediaType.parse(label)))
                    .as(label)
                    .isEqualTo(new Sniffed.Document("application/pdf"));
        }
    }

    @Test
    void aDocxLabelledTextIsADocument() {
        byte[] docx = new DocumentFixtures.Docx().paragraph("Keys are rotated.").bytes();

        assertThat(sniffer.sniff(docx, MediaType.parse("text/plain; charset=utf-8")))
                .isEqualTo(new Sniffed.Document(
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    }

    @Test
    void aDeclaredDocumentTypeGoesToTheDocumentParser() {
        assertThat(sniffer.sniff(HTML.getBytes(StandardCharsets.UTF_8), MediaType.parse("application/pdf")))
                .isEqualTo(new Sniffed.Document("application/pdf"));
    }

    @Test
    void utf16TextHoldsNulBytesButIsText() {
        byte[] withBom = ("\uFEFF" + HTML).getBytes(StandardCharsets.UTF_16LE);
        byte[] labelled = HTML.getBytes(StandardCharsets.UTF_16BE);

        assertThat(sniffer.sniff(withBom, MediaType.parse("text/html"))).isEqualTo(new Sniffed.Text(TextKind.HTML));
        assertThat(sniffer.sniff(labelled, MediaType.parse("text/html; charset=UTF-16BE")))
                .isEqualTo(new Sniffed.Text(TextKind.HTML));
    }

    @Test
    void aStrayNulByteDoesNotMakeAPageBinary() {
        byte[] body = (HTML.repeat(10) + "\0").getBytes(StandardCharsets.UTF_8);

        assertThat(sniffer.sniff(body, MediaType.parse("text/html"))).isEqualTo(new Sniffed.Text(TextKind.HTML));
    }

    @Test
    void textGoesByItsLabel() {
        byte[] text = "# Title\n\nSome text.".getBytes(StandardCharsets.UTF_8);

        assertThat(sniffer.sniff(text, MediaType.parse("text/plain"))).isEqualTo(new Sniffed.Text(TextKind.PLAIN));
        assertThat(sniffer.sniff(text, MediaType.parse("text/markdown")))
                .isEqualTo(new Sniffed.Text(TextKind.MARKDOWN));
        assertThat(sniffer.sniff(text, MediaType.parse("text/css")))
                .isEqualTo(new Sniffed.Unsupported("Unsupported content type: text/css"));
    }

    @Test
    void anUnlabelledOrOctetStreamBodyIsHtmlWhenItsBytesAre() {
        byte[] html = HTML.getBytes(StandardCharsets.UTF_8);
        byte[] text = "Just words.".getBytes(StandardCharsets.UTF_8);

        assertThat(sniffer.sniff(html, MediaType.NONE)).isEqualTo(new Sniffed.Text(TextKind.HTML));
        assertThat(sniffer.sniff(html, MediaType.parse("application/octet-stream")))
                .isEqualTo(new Sniffed.Text(TextKind.HTML));
        assertThat(sniffer.sniff(text, MediaType.NONE))
                .isEqualTo(new Sniffed.Unsupported(
                        "Unsupported content type: none (and the body is text/plain, not HTML)"));
    }

    @Test
    void aBodyOpeningAsHtmlIsHtmlWithoutTheDetectorAsTheDetectorWouldSay() {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        byte[] tarMagicAt257 = new byte[600];
        Arrays.fill(tarMagicAt257, (byte) ' ');
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, tarMagicAt257, 257, 8);
        List<byte[]> bodies = List.of(
                HTML.getBytes(StandardCharsets.UTF_8),
                ("\uFEFF \r\n\t<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><p>Old.")
                        .getBytes(StandardCharsets.UTF_8),
                "<HTML lang=en><body>Upper case.".getBytes(StandardCharsets.US_ASCII),
                concat("<html>".getBytes(StandardCharsets.US_ASCII), random),
                concat("<!doctype html>".getBytes(StandardCharsets.US_ASCII), tarMagicAt257));

        for (byte[] body : bodies) {
            assertThat(ContentSniffer.startsAsHtml(body)).isTrue();
            assertThat(sniffer.sniff(body, MediaType.parse("text/html; charset=utf-8")))
                    .isEqualTo(new Sniffed.Text(TextKind.HTML))
                    .isEqualTo(sniffer.sniff(body, MediaType.parse("application/octet-stream")));
        }
    }

    @Test
    void onlyADoctypeOrHtmlTagAtTheStartOpensAsHtml() {
        for (String body : List.of(
                "<htmlx>", "<!doctype htmlx>", "x<html>", "<head><title>T</title>", "<html", "%PDF-1.7 <html>", "")) {
            assertThat(ContentSniffer.startsAsHtml(body.getBytes(StandardCharsets.US_ASCII)))
                    .as(body)
                    .isFalse();
        }
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] joined = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        return joined;
    }
}
