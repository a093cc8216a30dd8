package dev.gleaner.ingest;

import dev.gleaner.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.html.charsetdetector.StandardHtmlEncodingDetector;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes of a text page into characters, choosing the charset as a browser does: a byte-order mark, else the
 * charset the {@code Content-Type} header declares, else (HTML only) a {@code <meta charset>} or {@code http-equiv}
 * declaration within the first {@value #META_SCAN_BYTES} bytes, else UTF-8 when the bytes are valid UTF-8, else the
 * charset detected from the bytes, else windows-1252. Labels are read as the WHATWG Encoding standard reads them
 * ({@code iso-8859-1} and {@code us-ascii} mean windows-1252).
 *
 * <p>A declared charset the bytes are not valid in is a mislabel (a windows-1252 page declared as UTF-8 is the usual
 * one): the undeclared steps are tried after it and the first that decodes every byte wins. When none does, the
 * decoding with the fewest invalid sequences is kept unless it is garbled — at least {@value #GARBLED_MIN_REPLACEMENTS}
 * replacement characters (U+FFFD) making up more than 2 % of the text — which ends as {@link Decoding.Garbled} with a
 * reason naming each charset tried. Thread-safe.
 */
public final class TextDecoder {
    /** How far into an HTML page a charset declaration counts (as in browsers). */
    public static final int META_SCAN_BYTES = 1024;
    /** A decoding with at least this many replacement characters … */
    static final int GARBLED_MIN_REPLACEMENTS = 8;
    /** … that make up more than this share of its characters is garbled. */
    static final double GARBLED_MIN_SHARE = 0.02;
    /** A detector's guess below this confidence (0–100) is not used. */
    static final int MIN_DETECTION_CONFIDENCE = 10;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final char REPLACEMENT = '\uFFFD';

    private final StandardHtmlEncodingDetector labels = new StandardHtmlEncodingDetector();

    public TextDecoder() {
        labels.setMarkLimit(META_SCAN_BYTES);
    }

    /** Where the charset that decoded a text came from. */
    public enum Source {
        BYTE_ORDER_MARK("its byte-order mark"),
        HEADER("the Content-Type header"),
        META("the page's <meta charset>"),
        VALID_UTF8("the bytes, which are valid UTF-8"),
        DETECTED("detection from the bytes"),
        FALLBACK("the fallback for undeclared text");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        /** How a reason names this source. */
        public String description() {
            return description;
        }
    }

    /** How decoding a body ended. */
    public sealed interface Decoding {
        /** The text (without a byte-order mark), the charset that decoded it and where that charset came from. */
        record Decoded(String text, Charset charset, Source source) implements Decoding {}

        /** No charset decodes the bytes into readable text; {@code reason} names each one tried. */
        record Garbled(String reason) implements Decoding {}
    }

    /** Decodes {@code body}, labelled {@code declared}; {@code html} enables the {@code <meta charset>} step. */
    public Decoding decode(byte[] body, MediaType declared, boolean html) {
        ByteOrderMark bom = ByteOrderMark.of(body);
        if (bom != null) {
            Attempt attempt = Attempt.of(body, bom.length(), bom.charset(), Source.BYTE_ORDER_MARK);
            return attempt.garbled() ? garbled(List.of(attempt)) : attempt.decoded();
        }
        List<Attempt> tried = new ArrayList<>();
        Attempt declaredAttempt = declaredAttempt(body, declared, html);
        if (declaredAttempt != null) {
            if (declaredAttempt.clean()) {
                return declaredAttempt.decoded();
            }
            tried.add(declaredAttempt);
        }
        if (isValidUtf8(body)) {
            return Attempt.of(body, 0, StandardCharsets.UTF_8, Source.VALID_UTF8)
                    .decoded();
        }
        List<Attempt> undeclared = new ArrayList<>();
        Charset detected = detected(body);
        if (detected != null) {
            undeclared.add(Attempt.of(body, 0, detected, Source.DETECTED));
        }
        undeclared.add(Attempt.of(body, 0, WINDOWS_1252, Source.FALLBACK));
        for (Attempt attempt : undeclared) {
            if (tried.stream().noneMatch(done -> done.charset().equals(attempt.charset()))) {
                if (attempt.clean()) {
                    return attempt.decoded();
                }
                tried.add(attempt);
            }
        }
        Attempt best = tried.stream()
                .min(Comparator.comparingInt(Attempt::replacements))
                .orElseThrow();
        return best.garbled() ? garbled(tried) : best.decoded();
    }

    /** The charset the header declares, else (HTML) the page; null when neither names one this JVM knows. */
    private @Nullable Attempt declaredAttempt(byte[] body, MediaType declared, boolean html) {
        Charset header = declared.charsetLabel().map(this::byLabel).orElse(null);
        if (header != null) {
            return Attempt.of(body, 0, header, Source.HEADER);
        }
        Charset meta = html ? metaCharset(body) : null;
        return meta == null ? null : Attempt.of(body, 0, meta, Source.META);
    }

    /**
     * A charset label as browsers read it (WHATWG labels: {@code latin1} is windows-1252, …); null for a label browsers
     * do not know, such as an EBCDIC code page.
     */
    private @Nullable Charset byLabel(String label) {
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, "text/plain; charset=" + label.strip());
        return detect(new byte[0], metadata);
    }

    private @Nullable Charset metaCharset(byte[] body) {
        return detect(body, new Metadata());
    }

    private @Nullable Charset detect(byte[] body, Metadata metadata) {
        try {
            return labels.detect(new ByteArrayInputStream(body, 0, Math.min(body.length, META_SCAN_BYTES)), metadata);
        } catch (IOException | RuntimeException unreadableDeclaration) {
            return null;
        }
    }

    /**
     * The detector's most confident guess among the charsets browsers know, UTF-16 aside: browsers take UTF-16 only
     * from a byte-order mark or a label, since any even number of bytes decodes as UTF-16.
     */
    private @Nullable Charset detected(byte[] body) {
        CharsetMatch[] matches;
        try {
            matches = new CharsetDetector().setText(body).detectAll();
        } catch (RuntimeException detectorFailed) {
            return null;
        }
        for (CharsetMatch match : matches) {
            Charset charset = match.getConfidence() < MIN_DETECTION_CONFIDENCE ? null : byLabel(match.getName());
            if (charset != null && !charset.name().startsWith("UTF-16")) {
                return charset;
            }
        }
        return null;
    }

    private static boolean isValidUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException invalid) {
            return false;
        }
    }

    private static Decoding.Garbled garbled(List<Attempt> tried) {
        StringBuilder reason = new StringBuilder("The text could not be decoded: ");
        for (int i = 0; i < tried.size(); i++) {
            Attempt attempt = tried.get(i);
            reason.append(i == 0 ? "" : "; ")
                    .append("as ")
                    .append(attempt.charset().name())
                    .append(" (from ")
                    .append(attempt.source().description())
                    .append(") ")
                    .append(attempt.replacements())
                    .append(" of its ")
                    .append(attempt.text().length())
                    .append(" characters are invalid");
        }
        return new Decoding.Garbled(reason.append(". The server should send it in the charset its Content-Type header"
                        + " or <meta charset> names")
                .toString());
    }

    /** One charset tried on the body. */
    private record Attempt(String text, Charset charset, Source source, int replacements) {
        static Attempt of(byte[] body, int offset, Charset charset, Source source) {
            String text = new String(body, offset, body.length - offset, charset);
            int replacements = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == REPLACEMENT) {
                    replacements++;
                }
            }
            return new Attempt(text, charset, source, replacements);
        }

        boolean clean() {
            return replacements == 0;
        }

        boolean garbled() {
            return replacements >= GARBLED_MIN_REPLACEMENTS && replacements > GARBLED_MIN_SHARE * text.length();
        }

        Decoding.Decoded decoded() {
            return new Decoding.Decoded(text, charset, source);
        }
    }

    /** The byte-order marks browsers honour, which override every declaration. */
    private record ByteOrderMark(Charset charset, int length) {
        static @Nullable ByteOrderMark of(byte[] body) {
            if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
                return new ByteOrderMark(StandardCharsets.UTF_8, 3);
            }
            if (startsWith(body, 0xFF, 0xFE)) {
                return new ByteOrderMark(StandardCharsets.UTF_16LE, 2);
            }
            if (startsWith(body, 0xFE, 0xFF)) {
                return new ByteOrderMark(StandardCharsets.UTF_16BE, 2);
            }
            return null;
        }

        private static boolean startsWith(byte[] body, int... prefix) {
            if (body.length < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if ((body[i] & 0xFF) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
