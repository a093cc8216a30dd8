package dev.gleaner.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.jspecify.annotations.Nullable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTString;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Builds the PDF and DOCX documents the extractor tests read, so that no binary fixture needs explaining. */
public final class DocumentFixtures {
    static final String PDF_LINK = "https://example.org/linked-from-pdf";
    static final String ODT_TYPE = "application/vnd.oasis.opendocument.text";

    private DocumentFixtures() {}

    /** A PDF with one page per entry of {@code pages}, each paragraph well apart from the next. */
    public static byte[] pdf(@Nullable String title, List<List<String>> pages) {
        try (PDDocument document = new PDDocument()) {
            fill(document, title, pages);
            return saved(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One bookmark of {@link #pdfWithOutline}: its depth (1 = top level), title and the page (from 0) it opens. */
    public record Bookmark(int level, String title, int page) {}

    /**
     * A PDF with one page per entry of {@code pages} and an outline of {@code bookmarks}, in order (a bookmark of level
     * n + 1 is a child of the last one of level n).
     */
    public static byte[] pdfWithOutline(@Nullable String title, List<List<String>> pages, List<Bookmark> bookmarks) {
        try (PDDocument document = new PDDocument()) {
            fill(document, title, pages);
            PDDocumentOutline outline = new PDDocumentOutline();
            java.util.Map<Integer, PDOutlineNode> lastOfLevel = new java.util.HashMap<>();
            lastOfLevel.put(0, outline);
            for (Bookmark bookmark : bookmarks) {
                PDOutlineItem item = new PDOutlineItem();
                item.setTitle(bookmark.title());
                PDPageFitDestination destination = new PDPageFitDestination();
                destination.setPage(document.getPage(bookmark.page()));
                item.setDestination(destination);
                java.util.Objects.requireNonNull(lastOfLevel.get(bookmark.level() - 1), "parent bookmark")
                        .addLast(item);
                lastOfLevel.put(bookmark.level(), item);
            }
            document.getDocumentCatalog().setDocumentOutline(outline);
            return saved(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF that opens only with the user password, as a browser-downloaded protected report would. */
    public static byte[] encryptedPdf() {
        try (PDDocument document = new PDDocument()) {
            fill(document, "Secret", List.of(List.of("Confidential paragraph.")));
            StandardProtectionPolicy policy =
                    new StandardProtectionPolicy("owner-password", "user-password", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return saved(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page PDF with a link annotation to {@link #PDF_LINK}. */
    static byte[] pdfWithLink() {
        try (PDDocument document = new PDDocument()) {
            fill(document, "Links", List.of(List.of("See the linked page.")));
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(72, 740, 200, 20));
            PDActionURI action = new PDActionURI();
            action.setURI(PDF_LINK);
            link.setAction(action);
            document.getPage(0).getAnnotations().add(link);
            return saved(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tagged one-page PDF: each entry is a structure type ({@code H1}, {@code P}, ...) and the text tagged so. */
    static byte[] taggedPdf(List<Map.Entry<String, String>> blocks) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDStructureTreeRoot root = new PDStructureTreeRoot();
            document.getDocumentCatalog().setStructureTreeRoot(root);
            PDMarkInfo markInfo = new PDMarkInfo();
            markInfo.setMarked(true);
            document.getDocumentCatalog().setMarkInfo(markInfo);
            PDStructureElement body = new PDStructureElement("Document", root);
            root.appendKid(body);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = 750;
                for (int mcid = 0; mcid < blocks.size(); mcid++) {
                    String type = blocks.get(mcid).getKey();
                    COSDictionary properties = new COSDictionary();
                    properties.setInt(COSName.MCID, mcid);
                    content.beginMarkedContent(COSName.getPDFName(type), PDPropertyList.create(properties));
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, y);
                    content.showText(blocks.get(mcid).getValue());
                    content.endText();
                    content.endMarkedContent();
                    y -= 48;
                    PDStructureElement element = new PDStructureElement(type, body);
                    element.setPage(page);
                    element.appendKid(new PDMarkedContent(COSName.getPDFName(type), properties));
                    body.appendKid(element);
                }
            }
            return saved(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(PDDocument document, @Nullable String title, List<List<String>> pages) throws IOException {
        if (title != null) {
            document.getDocumentInformation().setTitle(title);
        }
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (List<String> paragraphs : pages) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 12);
                content.newLineAtOffset(72, 750);
                for (String paragraph : paragraphs) {
                    content.showText(paragraph);
                    content.newLineAtOffset(0, -48);
                }
                content.endText();
            }
        }
    }

    private static byte[] saved(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    /** Builds a DOCX: {@code heading(level, text)}, {@code paragraph(text)} and {@code table(rows)} in order. */
    public static final class Docx {
        private final XWPFDocument document = new XWPFDocument();
        private final XWPFStyles styles = document.createStyles();

        public Docx title(String title) {
            document.getProperties().getCoreProperties().setTitle(title);
            return this;
        }

        public Docx heading(int level, String text) {
            String styleId = "Heading" + level;
            if (styles.getStyle(styleId) == null) {
                styles.addStyle(headingStyle(styleId, "heading " + level));
            }
            XWPFParagraph paragraph = document.createParagraph();
            paragraph.setStyle(styleId);
            paragraph.createRun().setText(text);
            return this;
        }

        /** A paragraph in a style of its own: {@code styleId} as Word stores it, {@code name} as Word shows it. */
        public Docx styled(String styleId, String name, String text) {
            if (styles.getStyle(styleId) == null) {
                styles.addStyle(headingStyle(styleId, name));
            }
            XWPFParagraph paragraph = document.createParagraph();
            paragraph.setStyle(styleId);
            paragraph.createRun().setText(text);
            return this;
        }

        public Docx paragraph(String text) {
            document.createParagraph().createRun().setText(text);
            return this;
        }

        Docx link(String text, String url) {
            document.createParagraph().createHyperlinkRun(url).setText(text);
            return this;
        }

        Docx table(List<List<String>> rows) {
            XWPFTable table = document.createTable(rows.size(), rows.getFirst().size());
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    table.getRow(r).getCell(c).setText(rows.get(r).get(c));
                }
            }
            return this;
        }

        public byte[] bytes() {
            try (document) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                document.write(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static XWPFStyle headingStyle(String styleId, String name) {
            CTStyle style = CTStyle.Factory.newInstance();
            style.setStyleId(styleId);
            style.setType(STStyleType.PARAGRAPH);
            CTString styleName = CTString.Factory.newInstance();
            styleName.setVal(name);
            style.setName(styleName);
            return new XWPFStyle(style);
        }
    }

    /** A minimal OpenDocument text: {@code content.xml} holds the given body of {@code text:h} and {@code text:p}. */
    static byte[] odt(String bodyXml) {
        String content =
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                <office:body><office:text>%s</office:text></office:body></office:document-content>
                """
                        .replace("%s", bodyXml)
                        .strip();
        String manifest =
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
                <manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>
                <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """
                        .replace("%s", ODT_TYPE)
                        .strip();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] mimetype = ODT_TYPE.getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
