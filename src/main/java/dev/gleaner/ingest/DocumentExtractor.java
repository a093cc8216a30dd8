package dev.gleaner.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
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
 * Extracts the text of office documents and PDFs: PDF, DOCX, DOC, ODT and RTF.
 *
 * <p>The type is detected from the bytes, with the declared content type and the file name as hints, so a document
 * served as {@code application/octet-stream} is read too. Paragraphs stay paragraphs, the headings the format marks as
 * such (Word's and OpenDocument's heading styles, a tagged PDF's heading tags) become {@code #} lines, the cells of a
 * table row share a line. The title is the document's own ({@code dc:title}), else its first heading, else the file
 * name from the source address. Links are the document's hyperlinks (a PDF's link annotations, a Word document's
 * hyperlinks), resolved against the source address. Embedded documents, macros, page headers and footers are left
 * out; nothing is OCR-ed. A document that cannot be read — encrypted with a password, corrupt, of another
 * type, too large, too slow — is {@link DocumentReading.Unreadable} with the reason. Thread-safe.
 */
public final class DocumentExtractor {
    /** Reasons quote the parser's message, which can be long (a whole stack of causes): they are cut to this. */
    public static final int MAX_REASON_CHARS = 300;

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
    private final Detector detector = new DefaultDetector();
    private final Map<MediaType, Parser> parsers;

    public DocumentExtractor(Clock clock) {
        this(DocumentLimits.DEFAULTS, clock);
    }

    public DocumentExtractor(DocumentLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
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
                ContentTypeHeader.parse(contentType).mediaType());
    }

    /** Reads {@code body}; {@code source} is the address it came from (for the file name and relative links). */
    public DocumentReading extract(byte[] body, @Nullable String contentType, URI source) {
        if (body.length > limits.maxDocumentBytes()) {
            return new DocumentReading.Unreadable("document of " + body.length + " bytes exceeds the limit of "
                    + limits.maxDocumentBytes() + " bytes");
        }
        Metadata metadata = new Metadata();
        metadata.set(
                TikaCoreProperties.RESOURCE_NAME_KEY, TextCleaner.addressTitle(source, HtmlExtractor.MAX_TITLE_CHARS));
        String declared = ContentTypeHeader.parse(contentType).mediaType();
        if (!declared.isEmpty()) {
            metadata.set(Metadata.CONTENT_TYPE, declared);
        }
        try (TikaInputStream stream = TikaInputStream.get(body)) {
            MediaType type = detector.detect(stream, metadata).getBaseType();
            Parser parser = parsers.get(type);
            if (parser == null) {
                return new DocumentReading.Unreadable("not a supported document type: " + type);
            }
            return parse(parser, type, stream, metadata, source);
        } catch (IOException detectionFailed) {
            return new DocumentReading.Unreadable("unreadable document: " + describe(detectionFailed));
        }
    }

    private DocumentReading parse(Parser parser, MediaType type, InputStream stream, Metadata metadata, URI source) {
        DocumentTextHandler handler = new DocumentTextHandler(source, limits, clock);
        Throwable failure = null;
        try {
            parser.parse(stream, handler, metadata, parseContext());
        } catch (EncryptedDocumentException encrypted) {
            return new DocumentReading.Unreadable("encrypted " + type + " document: " + describe(encrypted));
        } catch (IOException | SAXException | TikaException | RuntimeException | LinkageError thrown) {
            // A LinkageError means the document needs a feature whose library is deliberately left out, such as
            // public-key encryption.
            failure = thrown;
        }
        if (handler.deadlinePassed()) {
            return new DocumentReading.Unreadable(
                    "parsing the " + type + " document took longer than " + limits.parseTimeout());
        }
        // Reaching the text limit ends parsing early on purpose: what was read is kept.
        if (failure != null && !handler.textLimitReached()) {
            return new DocumentReading.Unreadable("corrupt or unreadable " + type + " document: " + describe(failure));
        }
        return new DocumentReading.Read(new ExtractedPage(
                title(metadata, handler, source), handler.text(), handler.links(), false, false, null));
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

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return TextCleaner.title(
                cause.getClass().getSimpleName() + (message == null ? "" : ": " + message), MAX_REASON_CHARS);
    }
}
