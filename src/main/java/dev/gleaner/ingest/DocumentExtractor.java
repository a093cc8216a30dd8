package dev.gleaner.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.microsoft.rtf.RTFParser;
import org.apache.tika.parser.odf.OpenDocumentParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.jspecify.annotations.Nullable;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts the text of office documents and PDFs: PDF, DOCX, DOC, ODT and RTF, in this process. The service runs it
 * inside {@link ParserProcessPool}'s parser processes, so that a document that exhausts memory takes down only its
 * parser process.
 *
 * <p>The type is detected from the bytes, with the declared content type and the file name as hints, so a document
 * served as {@code application/octet-stream} is read too. Paragraphs stay paragraphs, the headings the format marks as
 * such (Word's and OpenDocument's heading styles, a tagged PDF's heading tags, a PDF's bookmarks) become {@code #}
 * lines, the cells of a table row share a line. The title is the document's own ({@code dc:title}), else its first
 * heading, else the file name from the source address. Links are the document's hyperlinks (a PDF's link annotations, a
 * Word document's hyperlinks), resolved against the source address. Embedded documents, macros, page headers and
 * footers are left out; nothing is OCR-ed. A zip-based document (DOCX, ODT) is checked by {@link ZipBombGuard} before
 * it is parsed. A document that cannot be read — encrypted with a password, damaged, of another type, too large
 * (packed or unpacked), too slow — is {@link DocumentReading.Unreadable} with a neutral reason. Thread-safe.
 */
public final class DocumentExtractor implements DocumentParser {
    private static final MediaType PDF = MediaType.application("pdf");
    private static final MediaType DOCX =
            MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document");
    private static final MediaType DOCM = MediaType.application("vnd.ms-word.document.macroenabled.12");
    private static final MediaType DOC = MediaType.application("msword");
    private static final MediaType ODT = MediaType.application("vnd.oasis.opendocument.text");
    private static final MediaType RTF = MediaType.application("rtf");

    /** Declared content types this extractor reads, aliases included. */
    private static final Set<String> HANDLED_CONTENT_TYPES = Set.of(
            PDF.toString(),
            "application/x-pdf",
            DOCX.toString(),
            DOCM.toString(),
            DOC.toString(),
            ODT.toString(),
            RTF.toString(),
            "text/rtf");

    /** How a reader names each format. */
    private static final Map<MediaType, String> FORMAT_NAMES =
            Map.of(PDF, "PDF", DOCX, "DOCX", DOCM, "DOCX", DOC, "Word document", ODT, "ODT", RTF, "RTF document");

    private static final EmbeddedDocumentExtractor SKIP_EMBEDDED = new EmbeddedDocumentExtractor() {
        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
            // Never called: shouldParseEmbedded refuses every embedded document.
        }
    };

    private final DocumentLimits limits;
    private final Clock clock;
    private final ZipBombGuard zipGuard;
    private final Detector detector = new DefaultDetector();
    private final Map<MediaType, Parser> parsers;

    public DocumentExtractor(DocumentLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.zipGuard = new ZipBombGuard(limits);
        Parser word = new OOXMLParser();
        this.parsers = Map.of(
                PDF,
                pdfParser(),
                DOCX,
                word,
                DOCM,
                word,
                DOC,
                new OfficeParser(),
                ODT,
                new OpenDocumentParser(),
                RTF,
                new RTFParser());
    }

    /** Whether {@code contentType} declares a document this extractor reads. */
    public static boolean handles(@Nullable String contentType) {
        return HANDLED_CONTENT_TYPES.contains(
                dev.gleaner.MediaType.parse(contentType).essence());
    }

    /** How a reader names the format {@code contentType} declares: {@code PDF}, {@code DOCX}, … or {@code document}. */
    public static String formatName(@Nullable String contentType) {
        String declared = dev.gleaner.MediaType.parse(contentType).essence();
        if (declared.equals("application/x-pdf")) {
            return "PDF";
        }
        if (declared.equals("text/rtf")) {
            return "RTF document";
        }
        MediaType type = MediaType.parse(declared);
        return type == null ? "document" : FORMAT_NAMES.getOrDefault(type.getBaseType(), "document");
    }

    @Override
    public DocumentReading extract(byte[] body, @Nullable String contentType, URI source) {
        String declaredFormat = formatName(contentType);
        if (body.length > limits.maxDocumentBytes()) {
            return tooLarge(declaredFormat, limits);
        }
        Metadata metadata = new Metadata();
        metadata.set(
                TikaCoreProperties.RESOURCE_NAME_KEY, TextCleaner.addressTitle(source, HtmlExtractor.MAX_TITLE_CHARS));
        String declared = dev.gleaner.MediaType.parse(contentType).essence();
        if (!declared.isEmpty()) {
            metadata.set(Metadata.CONTENT_TYPE, declared);
        }
        try (TikaInputStream stream = TikaInputStream.get(body)) {
            MediaType type = detector.detect(stream, metadata).getBaseType();
            Parser parser = parsers.get(type);
            if (parser == null) {
                return unreadable(
                        DocumentProblem.UNSUPPORTED_TYPE,
                        declaredFormat,
                        "The file is not a PDF, Word, OpenDocument or RTF document (its content is " + type + ")");
            }
            String format = FORMAT_NAMES.getOrDefault(type, "document");
            Optional<String> bomb = zipGuard.violation(body);
            if (bomb.isPresent()) {
                return unreadable(
                        DocumentProblem.TOO_LARGE_UNPACKED,
                        format,
                        "The document is too large when unpacked: " + bomb.get());
            }
            PdfOutline outline = type.equals(PDF) ? PdfOutline.read(body) : PdfOutline.NONE;
            return parse(parser, format, stream, metadata, source, outline);
        } catch (IOException detectionFailed) {
            return damaged(declaredFormat);
        }
    }

    private DocumentReading parse(
            Parser parser, String format, InputStream stream, Metadata metadata, URI source, PdfOutline outline) {
        DocumentTextHandler handler = new DocumentTextHandler(source, outline, limits, clock);
        Throwable failure = null;
        try {
            parser.parse(stream, handler, metadata, parseContext());
        } catch (EncryptedDocumentException encrypted) {
            return unreadable(
                    DocumentProblem.ENCRYPTED,
                    format,
                    "The " + format + " is protected by a password: it can be read once it is published without one");
        } catch (IOException | SAXException | TikaException | RuntimeException | LinkageError thrown) {
            // A LinkageError means the document needs a feature whose library is deliberately left out, such as
            // public-key encryption.
            failure = thrown;
        }
        if (handler.deadlinePassed()) {
            return tooSlow(format, limits.parseTimeout());
        }
        // Reaching the text limit ends parsing early on purpose: what was read is kept.
        if (failure != null && !handler.textLimitReached()) {
            return isZipBomb(failure)
                    ? unreadable(
                            DocumentProblem.TOO_LARGE_UNPACKED,
                            format,
                            "The document is too large when unpacked: a part of it unpacks to far more than its"
                                    + " packed size")
                    : damaged(format);
        }
        return new DocumentReading.Read(new ExtractedPage(
                title(metadata, handler, source), handler.text(), handler.links(), false, false, null));
    }

    static DocumentReading.Unreadable tooLarge(String format, DocumentLimits limits) {
        return unreadable(
                DocumentProblem.TOO_LARGE,
                format,
                "The document is larger than the limit of " + ZipBombGuard.megabytes(limits.maxDocumentBytes()));
    }

    /** Parsing took longer than {@code timeout}. */
    static DocumentReading.Unreadable tooSlow(String format, Duration timeout) {
        return unreadable(
                DocumentProblem.TOO_SLOW,
                format,
                "Parsing took longer than " + seconds(timeout) + ": the document is too large or too complex");
    }

    static DocumentReading.Unreadable damaged(String format) {
        return unreadable(
                DocumentProblem.DAMAGED,
                format,
                "The document could not be parsed: it is damaged or not a valid " + format);
    }

    private static DocumentReading.Unreadable unreadable(DocumentProblem problem, String format, String reason) {
        return new DocumentReading.Unreadable(problem, format, reason);
    }

    /** A duration as a reader says it: {@code 30 s}, {@code 1.5 s}. */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0
                ? millis / 1000 + " s"
                : BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** Apache POI refuses a zip entry that inflates too much with an IOException saying so. */
    private static boolean isZipBomb(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static ParseContext parseContext() {
        OfficeParserConfig office = new OfficeParserConfig();
        office.setIncludeHeadersAndFooters(false);
        office.setIncludeDeletedContent(false);
        office.setIncludeMoveFromContent(false);
        office.setExtractMacros(false);
        ParseContext context = new ParseContext();
        context.set(OfficeParserConfig.class, office);
        context.set(EmbeddedDocumentExtractor.class, SKIP_EMBEDDED);
        return context;
    }

    private static Parser pdfParser() {
        PDFParser pdf = new PDFParser();
        // Bookmarks become headings on their pages (PdfOutline), not a list at the end.
        pdf.setExtractBookmarksText(false);
        pdf.setOcrStrategy("no_ocr");
        pdf.setExtractInlineImages(false);
        pdf.setExtractAnnotationText(true);
        pdf.setExtractMarkedContent(true);
        pdf.setExtractAcroFormContent(false);
        return pdf;
    }

    private static String title(Metadata metadata, DocumentTextHandler handler, URI source) {
        String own = metadata.get(TikaCoreProperties.TITLE);
        String title = own == null ? "" : TextCleaner.title(own, HtmlExtractor.MAX_TITLE_CHARS);
        if (title.isEmpty()) {
            title = TextCleaner.title(handler.firstHeading(), HtmlExtractor.MAX_TITLE_CHARS);
        }
        return title.isEmpty() ? TextCleaner.addressTitle(source, HtmlExtractor.MAX_TITLE_CHARS) : title;
    }
}
