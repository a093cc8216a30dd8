package dev.gleaner.ingest;

import dev.gleaner.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides what a fetched body is from its bytes before trusting its label, as browsers sniff content.
 *
 * <p>Tika's magic-number detection names the bytes' type (only the bytes: the label and the address are no hints). A
 * document (PDF, Word, OpenDocument, RTF, or a zip or OLE container that may be one) is {@link Sniffed.Document}
 * whatever its label says, so a PDF served as {@code application/octet-stream} or {@code text/plain} is read as the
 * PDF it is. Other binary types (images, audio, video, archives, executables, fonts) and bodies with no known magic
 * number whose first {@value #SAMPLE_BYTES} bytes hold more than 1 % control bytes (NUL, and the other C0 controls that
 * never occur in text) are {@link Sniffed.Unsupported} with the detected type in the reason: binary bytes are never
 * read as text. A body that starts with a UTF-16 byte-order mark, or whose label declares UTF-16 or UTF-32, is text
 * even though it holds NUL bytes. Text goes by its label: HTML, plain text or Markdown; an unlabelled or
 * {@code application/octet-stream} body is HTML when its bytes are; any other label is unsupported.
 *
 * <p>A body labelled {@code text/html} whose bytes start (after an optional UTF-8 byte-order mark and whitespace) with
 * {@code <!doctype html} or an {@code <html} tag, in any case, is HTML without running the detector: no document or
 * binary magic number can start that way, and it is what almost every page of a crawl is, so the detector's cost is
 * paid only where a label could lie. Thread-safe.
 */
public final class ContentSniffer {
    /** How many leading bytes are counted for control bytes. */
    public static final int SAMPLE_BYTES = 8192;

    private static final Set<String> DOCUMENT_MAGIC = Set.of(
            "application/pdf",
            "application/rtf",
            "application/zip",
            "application/x-tika-ooxml",
            "application/x-tika-msoffice",
            "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text");
    /** Containers named by their magic number, as the one format of each that the document parser reads. */
    private static final Map<String, String> READ_AS = Map.of(
            "application/x-tika-ooxml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/x-tika-msoffice",
            "application/msword");

    private static final String OCTET_STREAM = "application/octet-stream";
    private static final byte[] UTF8_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] DOCTYPE_HTML = "<!doctype html".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTML_TAG = "<html".getBytes(StandardCharsets.US_ASCII);

    private final MimeTypes magic = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = magic.getMediaTypeRegistry();

    /** What kind of text a body is read as. */
    public enum TextKind {
        HTML,
        PLAIN,
        MARKDOWN
    }

    /** What a body turned out to be. */
    public sealed interface Sniffed {
        /** Text to decode and read as {@code kind}. */
        record Text(TextKind kind) implements Sniffed {}

        /**
         * A document for the document parser; {@code mediaType} is the label's when it names one, else the bytes' (an
         * OOXML or OLE container as DOCX or DOC, the ones of their kind the parser reads; it checks the bytes again).
         */
        record Document(String mediaType) implements Sniffed {}

        /** Not read: binary bytes, or text of a type Gleaner does not index; {@code reason} names which. */
        record Unsupported(String reason) implements Sniffed {}
    }

    /** What {@code body}, labelled {@code declared}, is. */
    public Sniffed sniff(byte[] body, MediaType declared) {
        if (declared.is("text/html") && startsAsHtml(body)) {
            return new Sniffed.Text(TextKind.HTML);
        }
        String detected = detect(body);
        if (DocumentExtractor.handles(declared.essence())) {
            return new Sniffed.Document(declared.essence());
        }
        if (DOCUMENT_MAGIC.contains(detected)) {
            return new Sniffed.Document(READ_AS.getOrDefault(detected, detected));
        }
        boolean wideText = startsWithUtf16Mark(body) || declaresWideCharset(declared);
        if (!wideText && isBinaryType(detected)) {
            return new Sniffed.Unsupported("The body is " + detected + " by its bytes although the server labelled it "
                    + label(declared) + "; " + kindOf(detected) + " are not indexed. Leave such URLs out of the crawl"
                    + " (excludePaths), or have the server send the content it names");
        }
        int controls = controlBytes(body);
        if (!wideText && detected.equals(OCTET_STREAM) && controls * 100L > Math.min(body.length, SAMPLE_BYTES)) {
            return new Sniffed.Unsupported("The body is binary data (" + OCTET_STREAM + ": " + controls
                    + " of its first "
                    + Math.min(body.length, SAMPLE_BYTES) + " bytes are control bytes that never occur in text)"
                    + " although the server labelled it " + label(declared) + "; it is not read as text. Leave such"
                    + " URLs out of the crawl (excludePaths), or have the server send the content it names");
        }
        return byLabel(declared, detected);
    }

    private Sniffed byLabel(MediaType declared, String detected) {
        if (declared.is("text/html", "application/xhtml+xml")) {
            return new Sniffed.Text(TextKind.HTML);
        }
        if (declared.is("text/plain")) {
            return new Sniffed.Text(TextKind.PLAIN);
        }
        if (declared.is("text/markdown", "text/x-markdown")) {
            return new Sniffed.Text(TextKind.MARKDOWN);
        }
        if (declared.isGeneric() && detected.equals("text/html")) {
            return new Sniffed.Text(TextKind.HTML);
        }
        return new Sniffed.Unsupported(
                declared.isEmpty()
                        ? "Unsupported content type: none (and the body is " + detected + ", not HTML)"
                        : declared.isGeneric()
                                ? "Unsupported content type: " + declared.essence() + " (and the body is " + detected
                                        + ", not HTML or a document)"
                                : "Unsupported content type: " + declared.essence());
    }

    private String detect(byte[] body) {
        try {
            return magic.detect(new ByteArrayInputStream(body), new Metadata())
                    .getBaseType()
                    .toString();
        } catch (IOException impossibleInMemory) {
            return OCTET_STREAM;
        }
    }

    /** A type named by magic bytes that is not text: an image, an archive, an executable, … */
    private boolean isBinaryType(String detected) {
        org.apache.tika.mime.MediaType type = org.apache.tika.mime.MediaType.parse(detected);
        return type != null
                && !detected.equals(OCTET_STREAM)
                && !type.equals(org.apache.tika.mime.MediaType.TEXT_PLAIN)
                && !registry.isSpecializationOf(type, org.apache.tika.mime.MediaType.TEXT_PLAIN);
    }

    private static String kindOf(String detected) {
        String top = detected.substring(0, detected.indexOf('/'));
        return switch (top) {
            case "image" -> "images";
            case "audio" -> "audio files";
            case "video" -> "videos";
            case "font" -> "fonts";
            default -> "binary files";
        };
    }

    private static String label(MediaType declared) {
        return declared.isEmpty() ? "with no content type" : declared.essence();
    }

    /** Counts the WHATWG "binary data bytes" (C0 controls other than tab, line breaks, form feed and escape). */
    private static int controlBytes(byte[] body) {
        int count = 0;
        for (int i = 0; i < Math.min(body.length, SAMPLE_BYTES); i++) {
            int b = body[i] & 0xFF;
            if (b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F)) {
                count++;
            }
        }
        return count;
    }

    /** Whether {@code body} opens with a doctype or html tag, the way only an HTML document does. */
    static boolean startsAsHtml(byte[] body) {
        int at = startsWith(body, 0, UTF8_MARK) ? UTF8_MARK.length : 0;
        while (at < body.length && isWhitespace(body[at])) {
            at++;
        }
        if (startsWith(body, at, DOCTYPE_HTML)) {
            int end = at + DOCTYPE_HTML.length;
            return end < body.length && (isWhitespace(body[end]) || body[end] == '>');
        }
        int end = at + HTML_TAG.length;
        return startsWith(body, at, HTML_TAG) && end < body.length && (isWhitespace(body[end]) || body[end] == '>');
    }

    /** Whether {@code body} holds {@code prefix} (ASCII, lower case) at {@code at}, ignoring ASCII case. */
    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (body.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            int b = body[at + i] & 0xFF;
            int lower = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
            if (lower != (prefix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
    }

    private static boolean startsWithUtf16Mark(byte[] body) {
        return body.length >= 2
                && (((body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE)
                        || ((body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF));
    }

    private static boolean declaresWideCharset(MediaType declared) {
        String label = declared.charsetLabel().orElse("").toLowerCase(Locale.ROOT);
        return label.startsWith("utf-16") || label.startsWith("utf-32") || label.equals("ucs-2");
    }
}
