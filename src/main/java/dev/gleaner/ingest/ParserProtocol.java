package dev.gleaner.ingest;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The messages between the service and a parser process ({@link ParserChild}), over the child's stdin and stdout. Every
 * string and byte array is a 4-byte big-endian length followed by the bytes (strings in UTF-8). The child writes
 * {@link #READY} once it can parse; then each request (content type, source address, document bytes) gets one answer:
 * {@link #READ} with the title, text and links, or {@link #UNREADABLE} with the problem, format and reason. Lengths
 * are checked against limits before anything is allocated, so neither side can be made to allocate more than them.
 */
final class ParserProtocol {
    static final int READY = 0x52;
    static final byte READ = 1;
    static final byte UNREADABLE = 2;
    /** Content types, addresses, titles, reasons and links are short; more marks a broken stream. */
    static final int MAX_SHORT_STRING_BYTES = 64 * 1024;

    private ParserProtocol() {}

    /** One document to read. */
    @SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
    record Request(@Nullable String contentType, URI source, byte[] body) {}

    static void writeRequest(DataOutputStream out, Request request) throws IOException {
        writeString(out, request.contentType() == null ? "" : request.contentType());
        writeString(out, request.source().toString());
        writeBytes(out, request.body());
        out.flush();
    }

    static Request readRequest(DataInputStream in, int maxBodyBytes) throws IOException {
        String contentType = readString(in, MAX_SHORT_STRING_BYTES);
        URI source;
        try {
            source = URI.create(readString(in, MAX_SHORT_STRING_BYTES));
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid source address", e);
        }
        // One byte over the limit is accepted so that the extractor refuses the document with its reason.
        byte[] body = readBytes(in, maxBodyBytes + 1);
        return new Request(contentType.isEmpty() ? null : contentType, source, body);
    }

    static void writeReading(DataOutputStream out, DocumentReading reading) throws IOException {
        switch (reading) {
            case DocumentReading.Read read -> {
                out.writeByte(READ);
                writeString(out, read.page().title());
                writeString(out, read.page().text());
                out.writeInt(read.page().links().size());
                for (String link : read.page().links()) {
                    writeString(out, link);
                }
            }
            case DocumentReading.Unreadable unreadable -> {
                out.writeByte(UNREADABLE);
                writeString(out, unreadable.problem().name());
                writeString(out, unreadable.format());
                writeString(out, unreadable.reason());
            }
        }
        out.flush();
    }

    static DocumentReading readReading(DataInputStream in, DocumentLimits limits) throws IOException {
        byte kind = in.readByte();
        if (kind == READ) {
            String title = readString(in, MAX_SHORT_STRING_BYTES);
            // UTF-8 takes at most 3 bytes per UTF-16 char (4 per surrogate pair).
            String text = readString(in, 3 * limits.maxTextChars() + 16);
            int count = in.readInt();
            if (count < 0 || count > limits.maxLinks()) {
                throw new IOException("invalid link count " + count);
            }
            List<String> links = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                links.add(readString(in, MAX_SHORT_STRING_BYTES));
            }
            return new DocumentReading.Read(new ExtractedPage(title, text, links, false, false, null));
        }
        if (kind == UNREADABLE) {
            String problem = readString(in, MAX_SHORT_STRING_BYTES);
            String format = readString(in, MAX_SHORT_STRING_BYTES);
            String reason = readString(in, MAX_SHORT_STRING_BYTES);
            try {
                return new DocumentReading.Unreadable(DocumentProblem.valueOf(problem), format, reason);
            } catch (IllegalArgumentException e) {
                throw new IOException("unknown problem " + problem, e);
            }
        }
        throw new IOException("unknown answer " + kind);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static String readString(DataInputStream in, int maxBytes) throws IOException {
        return new String(readBytes(in, maxBytes), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in, int maxBytes) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > maxBytes) {
            throw new IOException("length " + length + " out of bounds (at most " + maxBytes + ")");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
