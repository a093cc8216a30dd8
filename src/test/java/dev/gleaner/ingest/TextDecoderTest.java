package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.MediaType;
import dev.gleaner.ingest.TextDecoder.Decoding;
import dev.gleaner.ingest.TextDecoder.Source;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");
    private static final String FRENCH = "Le café crème coûte trois € — déjà vu, naïve façade. Les élèves étudient à"
            + " l'école près de la forêt, où l'on fête Noël.";
    private static final String JAPANESE = "東京は日本の首都です。港の船は朝早く出発します。";

    private final TextDecoder decoder = new TextDecoder();

    @Test
    void aByteOrderMarkOverridesTheHeaderAndIsNotPartOfTheText() {
        byte[] body = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, FRENCH.getBytes(StandardCharsets.UTF_16LE));

        Decoding decoding = decoder.decode(body, MediaType.parse("text/html; charset=windows-1252"), true);

        assertThat(decoding).isEqualTo(new Decoding.Decoded(FRENCH, StandardCharsets.UTF_16LE, Source.BYTE_ORDER_MARK));
    }

    @Test
    void theHeaderCharsetIsReadAsBrowsersReadLabels() {
        byte[] body = "“Quoted” café".getBytes(WINDOWS_1252);

        Decoding decoding = decoder.decode(body, MediaType.parse("text/plain; charset=ISO-8859-1"), false);

        // Browsers read iso-8859-1 as windows-1252, whose 0x93 and 0x94 are curly quotes.
        assertThat(decoding).isEqualTo(new Decoding.Decoded("“Quoted” café", WINDOWS_1252, Source.HEADER));
    }

    @Test
    void aMetaCharsetCountsWithinTheFirst1024BytesOfHtml() {
        String html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
                + "</head><body><p>" + JAPANESE + "</p></body></html>";

        Decoding decoding = decoder.decode(html.getBytes(SHIFT_JIS), MediaType.parse("text/html"), true);

        assertThat(decoding).isEqualTo(new Decoding.Decoded(html, SHIFT_JIS, Source.META));
    }

    @Test
    void aMetaCharsetAfterTheFirst1024BytesDoesNotCount() {
        String html = "<html><head><!-- " + "x".repeat(TextDecoder.META_SCAN_BYTES)
                + " --><meta charset=\"windows-1252\"></head><body><p>" + FRENCH + "</p></body></html>";

        Decoding decoding = decoder.decode(html.getBytes(StandardCharsets.UTF_8), MediaType.parse("text/html"), true);

        assertThat(decoding).isEqualTo(new Decoding.Decoded(html, StandardCharsets.UTF_8, Source.VALID_UTF8));
    }

    @Test
    void aMetaCharsetIsNotLookedForInPlainText() {
        String text = "<meta charset=\"windows-1252\"> " + FRENCH;

        Decoding decoding = decoder.decode(text.getBytes(StandardCharsets.UTF_8), MediaType.parse("text/plain"), false);

        assertThat(decoding).isEqualTo(new Decoding.Decoded(text, StandardCharsets.UTF_8, Source.VALID_UTF8));
    }

    @Test
    void aWindows1252PageDeclaredAsUtf8IsDetectedAndReadCorrectly() {
        Decoding decoding =
                decoder.decode(FRENCH.getBytes(WINDOWS_1252), MediaType.parse("text/html; charset=utf-8"), true);

        assertThat(decoding).isEqualTo(new Decoding.Decoded(FRENCH, WINDOWS_1252, Source.DETECTED));
    }

    @Test
    void undeclaredShiftJisIsDetected() {
        String text = (JAPANESE + "\n").repeat(5);

        Decoding decoding = decoder.decode(text.getBytes(SHIFT_JIS), MediaType.parse("text/plain"), false);

        assertThat(decoding).isEqualTo(new Decoding.Decoded(text, SHIFT_JIS, Source.DETECTED));
    }

    @Test
    void textThatNoCharsetDecodesIsGarbledWithEachCharsetTriedInTheReason() {
        byte[] body = ("Intro " + "\u0081\u008D\u008F\u0090\u009D ".repeat(40)).getBytes(StandardCharsets.ISO_8859_1);

        Decoding decoding = decoder.decode(body, MediaType.parse("text/plain; charset=utf-8"), false);

        assertThat(decoding).isInstanceOfSatisfying(Decoding.Garbled.class, garbled -> assertThat(garbled.reason())
                .startsWith("The text could not be decoded: as UTF-8 (from the Content-Type header) 200 of its 246"
                        + " characters are invalid")
                .contains("as windows-1252")
                .endsWith("The server should send it in the charset its Content-Type header or <meta charset> names"));
    }

    @Test
    void aFewStrayBytesInDeclaredUtf8AreNotGarbled() {
        String text = "A long English paragraph about harbours and ferries. ".repeat(10);
        byte[] body = concat(text.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF});

        Decoding decoding = decoder.decode(body, MediaType.parse("text/plain; charset=utf-8"), false);

        assertThat(decoding).isInstanceOfSatisfying(Decoding.Decoded.class, decoded -> assertThat(decoded.text())
                .startsWith(text));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
