package dev.gleaner.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.jspecify.annotations.Nullable;

/**
 * A PDF's outline (bookmarks) as headings by page: each bookmark's depth is its heading level (capped at 6), its page
 * the one its destination or go-to action points to. Bookmarks without a page in the document are left out, and so are
 * those past {@link #MAX_BOOKMARKS} (a hostile outline can be long or cyclic).
 */
record PdfOutline(Map<Integer, List<Heading>> byPage) {
    static final int MAX_BOOKMARKS = 2_000;
    static final PdfOutline NONE = new PdfOutline(Map.of());

    /** One bookmark: its level (1–6) and its title. */
    record Heading(int level, String title) {}

    PdfOutline {
        byPage = Map.copyOf(byPage);
    }

    /** The headings whose bookmarks point to page {@code index} (from 0), in outline order. */
    List<Heading> onPage(int index) {
        return byPage.getOrDefault(index, List.of());
    }

    boolean isEmpty() {
        return byPage.isEmpty();
    }

    /** The outline of {@code pdf}; {@link #NONE} when it has none or cannot be read (the text parser reports why). */
    static PdfOutline read(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentOutline outline = document.getDocumentCatalog().getDocumentOutline();
            if (outline == null) {
                return NONE;
            }
            Map<Integer, List<Heading>> byPage = new HashMap<>();
            collect(document, outline, 1, byPage, Collections.newSetFromMap(new IdentityHashMap<>()));
            return new PdfOutline(byPage);
        } catch (IOException | RuntimeException unreadable) {
            return NONE;
        }
    }

    private static void collect(
            PDDocument document, PDOutlineNode node, int level, Map<Integer, List<Heading>> byPage, Set<Object> seen)
            throws IOException {
        for (PDOutlineItem item = node.getFirstChild(); item != null; item = item.getNextSibling()) {
            if (seen.size() >= MAX_BOOKMARKS || !seen.add(item.getCOSObject())) {
                return;
            }
            String title =
                    item.getTitle() == null ? "" : TextCleaner.title(item.getTitle(), HtmlExtractor.MAX_TITLE_CHARS);
            int page = pageIndex(document, item.findDestinationPage(document));
            if (!title.isEmpty() && page >= 0) {
                byPage.computeIfAbsent(page, p -> new ArrayList<>()).add(new Heading(Math.min(level, 6), title));
            }
            collect(document, item, level + 1, byPage, seen);
        }
    }

    private static int pageIndex(PDDocument document, @Nullable PDPage page) {
        return page == null ? -1 : document.getPages().indexOf(page);
    }
}
