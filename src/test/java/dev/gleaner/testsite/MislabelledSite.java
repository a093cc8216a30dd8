package dev.gleaner.testsite;

import com.sun.net.httpserver.HttpExchange;
import dev.gleaner.ingest.DocumentFixtures;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/**
 * A site that mislabels its content the ways real sites do, one named route per case under {@link #ROOT}, all linked
 * from {@link #ROOT} itself. The bytes are generated here: random bytes, a real PNG, a PDF and a DOCX (from
 * {@link DocumentFixtures}), pages in windows-1252, Shift_JIS and UTF-16LE, and a page compressed twice. Each page that
 * should be read holds one exact sentence ({@code *_SENTENCE}) with non-ASCII characters where the case is about them.
 */
public final class MislabelledSite {
    public static final String ROOT = "/mislabelled/";
    public static final String BINARY_AS_HTML = ROOT + "binary-as-html";
    public static final String PNG_AS_HTML = ROOT + "png-as-html";
    public static final String PDF_AS_OCTET_STREAM = ROOT + "pdf-as-octet-stream";
    public static final String DOCX_AS_TEXT = ROOT + "docx-as-text";
    public static final String WINDOWS_1252_AS_UTF8 = ROOT + "windows-1252-as-utf-8";
    public static final String SHIFT_JIS_META_ONLY = ROOT + "shift-jis-meta-only";
    public static final String UTF16LE_WITH_BOM = ROOT + "utf-16le-with-bom";
    public static final String DOUBLE_GZIP = ROOT + "double-gzip";
    public static final String UNDECODABLE = ROOT + "undecodable";

    public static final String PDF_SENTENCE = "Mooring lines on the north pier are inspected every month.";
    public static final String DOCX_SENTENCE = "Operators rotate the keys of the signing service every ninety days.";
    public static final String WINDOWS_1252_SENTENCE =
            "Le café crème coûte trois € à l'entrée, déjà payé par les élèves de l'école près de la forêt.";
    public static final String SHIFT_JIS_SENTENCE = "東京湾の渡し船は毎朝六時に桟橋を出発します。";
    public static final String UTF16LE_SENTENCE =
            "Die Fähre über den Fluß fährt stündlich, außer an Feiertagen — “pünktlich”.";
    public static final String DOUBLE_GZIP_SENTENCE = "The harbour master's office opens at dawn, ñandú or not.";

    private static final List<String> CASES = List.of(
            BINARY_AS_HTML,
            PNG_AS_HTML,
            PDF_AS_OCTET_STREAM,
            DOCX_AS_TEXT,
            WINDOWS_1252_AS_UTF8,
            SHIFT_JIS_META_ONLY,
            UTF16LE_WITH_BOM,
            DOUBLE_GZIP,
            UNDECODABLE);

    private MislabelledSite() {}

    /** Every case's path. */
    public static List<String> cases() {
        return CASES;
    }

    /** Serves the index page and every case on {@code site}. */
    public static void serve(TestSite site) {
        StringBuilder index = new StringBuilder("<!doctype html><html><head><title>Mislabelled</title></head><body>"
                + "<main><h1>Mislabelled content</h1><p>Every page below is served with a misleading label.</p><ul>");
        CASES.forEach(path -> index.append("<li><a href=\"")
                .append(path)
                .append("\">")
                .append(path)
                .append("</a></li>"));
        site.page(ROOT, index.append("</ul></main></body></html>").toString());
        site.respond(BINARY_AS_HTML, 200, "text/html; charset=utf-8", randomBytes(), Map.of());
        site.respond(PNG_AS_HTML, 200, "text/html", png(), Map.of());
        site.respond(
                PDF_AS_OCTET_STREAM,
                200,
                "application/octet-stream",
                DocumentFixtures.pdf("Pier inspections", List.of(List.of(PDF_SENTENCE))),
                Map.of());
        site.respond(
                DOCX_AS_TEXT,
                200,
                "text/plain",
                new DocumentFixtures.Docx()
                        .heading(1, "Signing service")
                        .paragraph(DOCX_SENTENCE)
                        .bytes(),
                Map.of());
        site.respond(
                WINDOWS_1252_AS_UTF8,
                200,
                "text/html; charset=utf-8",
                page("Café", WINDOWS_1252_SENTENCE, "").getBytes(Charset.forName("windows-1252")),
                Map.of());
        site.respond(
                SHIFT_JIS_META_ONLY,
                200,
                "text/html",
                page("渡し船", SHIFT_JIS_SENTENCE, "<meta charset=\"Shift_JIS\">").getBytes(Charset.forName("Shift_JIS")),
                Map.of());
        site.respond(
                UTF16LE_WITH_BOM,
                200,
                "text/html",
                ("\uFEFF" + page("Fähre", UTF16LE_SENTENCE, "")).getBytes(StandardCharsets.UTF_16LE),
                Map.of());
        site.route(DOUBLE_GZIP, MislabelledSite::doubleGzip);
        site.respond(UNDECODABLE, 200, "text/html; charset=utf-8", undecodable(), Map.of());
    }

    private static String page(String title, String sentence, String head) {
        return "<!doctype html><html><head>" + head + "<title>" + title + "</title></head><body><main><h1>" + title
                + "</h1><p>" + sentence + "</p><p>" + sentence + "</p></main></body></html>";
    }

    /** Random bytes: NUL and other control bytes throughout, no magic number. */
    private static byte[] randomBytes() {
        byte[] bytes = new byte[4096];
        new Random(15).nextBytes(bytes);
        return bytes;
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, Color.ORANGE.getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException impossibleInMemory) {
            throw new UncheckedIOException(impossibleInMemory);
        }
        return out.toByteArray();
    }

    /** Bytes that are neither UTF-8, as declared, nor any other charset: undefined even in windows-1252. */
    private static byte[] undecodable() {
        return ("<p>Intro " + "\u0081\u008D\u008F\u0090\u009D ".repeat(60) + "</p>")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A page compressed twice but declared as compressed once ({@code Content-Encoding: gzip}). */
    private static void doubleGzip(HttpExchange exchange) throws IOException {
        byte[] html = page("Harbour office", DOUBLE_GZIP_SENTENCE, "").getBytes(StandardCharsets.UTF_8);
        byte[] body = gzip(gzip(html));
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(plain);
        }
        return compressed.toByteArray();
    }
}
