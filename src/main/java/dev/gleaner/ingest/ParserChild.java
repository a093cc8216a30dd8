package dev.gleaner.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * The main class of a parser process started by {@link ParserProcessPool}: reads documents from stdin and writes what
 * {@link DocumentExtractor} made of them to stdout ({@link ParserProtocol}), one at a time, until stdin closes (the
 * service stopped or let it go). It runs with a small heap of its own and exits on running out of memory, so a
 * document that needs too much memory ends this process, not the service.
 *
 * <p>Arguments: the {@link DocumentLimits} components in order (text chars, links, document bytes, parse timeout in
 * milliseconds, zip entries, unpacked bytes, inflate ratio).
 */
public final class ParserChild {
    private ParserChild() {}

    public static void main(String[] args) throws IOException {
        // Stdout carries the protocol: whatever a library prints goes to stderr instead.
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        DocumentLimits limits = limits(args);
        // Apache POI's own zip checks, in case a document reaches it past ZipBombGuard.
        ZipSecureFile.setMaxFileCount(limits.maxZipEntries());
        ZipSecureFile.setMaxEntrySize(Math.min(limits.maxUnpackedBytes(), 0xFFFFFFFFL));
        ZipSecureFile.setMinInflateRatio(1.0 / limits.maxInflateRatio());
        DocumentExtractor extractor = new DocumentExtractor(limits, Clock.systemUTC());
        warmUp(extractor);
        out.writeByte(ParserProtocol.READY);
        out.flush();
        while (true) {
            ParserProtocol.Request request;
            try {
                request = ParserProtocol.readRequest(in, limits.maxDocumentBytes());
            } catch (EOFException serviceGone) {
                return;
            }
            DocumentReading reading;
            try {
                reading = extractor.extract(request.body(), request.contentType(), request.source());
            } catch (RuntimeException | StackOverflowError unexpected) {
                // The extractor catches what parsers throw; what still escapes is a parser bug the document triggered.
                reading = DocumentExtractor.damaged(DocumentExtractor.formatName(request.contentType()));
            }
            ParserProtocol.writeReading(out, reading);
        }
    }

    static DocumentLimits limits(String[] args) {
        if (args.length != 7) {
            throw new IllegalArgumentException("expected 7 limits, got " + args.length);
        }
        return new DocumentLimits(
                Integer.parseInt(args[0]),
                Integer.parseInt(args[1]),
                Integer.parseInt(args[2]),
                Duration.ofMillis(Long.parseLong(args[3])),
                Integer.parseInt(args[4]),
                Long.parseLong(args[5]),
                Integer.parseInt(args[6]));
    }

    /** The arguments {@link #limits} reads. */
    static String[] arguments(DocumentLimits limits) {
        return new String[] {
            String.valueOf(limits.maxTextChars()),
            String.valueOf(limits.maxLinks()),
            String.valueOf(limits.maxDocumentBytes()),
            String.valueOf(limits.parseTimeout().toMillis()),
            String.valueOf(limits.maxZipEntries()),
            String.valueOf(limits.maxUnpackedBytes()),
            String.valueOf(limits.maxInflateRatio())
        };
    }

    /**
     * Reads a blank PDF and an empty DOCX, so that the parsers' classes are loaded and compiled a little before the
     * first real document arrives, while the process is not yet counted as ready.
     */
    private static void warmUp(DocumentExtractor extractor) {
        URI source = URI.create("file:///warm-up");
        try (PDDocument pdf = new PDDocument();
                XWPFDocument docx = new XWPFDocument()) {
            pdf.addPage(new PDPage());
            ByteArrayOutputStream pdfBytes = new ByteArrayOutputStream();
            pdf.save(pdfBytes);
            extractor.extract(pdfBytes.toByteArray(), "application/pdf", source);
            docx.createParagraph().createRun().setText("warm-up");
            ByteArrayOutputStream docxBytes = new ByteArrayOutputStream();
            docx.write(docxBytes);
            extractor.extract(
                    docxBytes.toByteArray(),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    source);
        } catch (IOException | RuntimeException notWarm) {
            // Only slower: the first document loads the classes instead.
        }
    }
}
