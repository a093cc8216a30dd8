package dev.gleaner.pipeline;

import dev.gleaner.MediaType;
import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.ingest.DocumentProblem;
import dev.gleaner.ingest.EmptyContent;
import dev.gleaner.jobs.Lease;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a fetched page, rendered in a browser first when its job's {@code render} mode and {@link RenderNeed} say so.
 * A rendered page is read from the HTML the browser shows; its stored original stays the bytes fetched. When rendering
 * fails the page is read from its plain HTML, with the reason logged — unless the plain HTML has no text to index:
 * then the page fails with the renderer's reason (what happened and what to do), so that the job's failed pages can be
 * retried once it is fixed, instead of ending {@code empty} as if the site had nothing to say. A page that needed
 * rendering is read as {@code scripted}, so that its server's validators are not taken to vouch for its text.
 */
final class PageRendering {
    private static final Logger LOG = LoggerFactory.getLogger(PageRendering.class);

    private final PageReader reader;
    private final Renderer renderer;

    PageRendering(PageReader reader, Renderer renderer) {
        this.reader = reader;
        this.renderer = renderer;
    }

    /** {@code fetched}, a page of {@code lease}, read — rendered first when it needs it. */
    PageReader.Reading read(Lease lease, FetchOutcome.Fetched fetched) {
        PageReader.Reading plain = reader.read(fetched);
        if (!(plain instanceof PageReader.Reading.Read read)
                || !isHtml(read.contentType())
                || !RenderNeed.needed(
                        lease.spec().render(),
                        new String(fetched.body(), StandardCharsets.UTF_8),
                        read.page().text())) {
            return plain;
        }
        Renderer.Page page = new Renderer.Page(
                fetched.finalUrl(),
                fetched.contentType(),
                fetched.body(),
                JobHeaders.of(lease.spec(), fetched.finalUrl()));
        return switch (renderer.render(page)) {
            case Renderer.Rendering.Rendered rendered -> readRendered(fetched, read, rendered);
            case Renderer.Rendering.Failed failed -> unrendered(fetched, read, failed.reason());
        };
    }

    private PageReader.Reading readRendered(
            FetchOutcome.Fetched fetched, PageReader.Reading.Read plain, Renderer.Rendering.Rendered rendered) {
        if (!rendered.refused().isEmpty()) {
            LOG.debug("Rendering {} refused {}", fetched.finalUrl(), rendered.refused());
        }
        PageReader.Reading reading = reader.read(new FetchOutcome.Fetched(
                fetched.finalUrl(),
                fetched.status(),
                "text/html; charset=utf-8",
                rendered.html().getBytes(StandardCharsets.UTF_8)));
        if (reading instanceof PageReader.Reading.Read read) {
            // The stored original is the page as fetched, so its type is the one read from those bytes.
            return new PageReader.Reading.Read(read.page(), plain.contentType(), true);
        }
        return unrendered(fetched, plain, "the rendered page could not be read");
    }

    private static PageReader.Reading unrendered(
            FetchOutcome.Fetched fetched, PageReader.Reading.Read plain, String reason) {
        if (EmptyContent.reason(plain.page()) != null) {
            return new PageReader.Reading.Unreadable(
                    "The page shows its text only with JavaScript, and it could not be rendered: " + reason,
                    DocumentProblem.NOT_RENDERED,
                    "HTML");
        }
        LOG.info("Read {} from its plain HTML: {}", fetched.finalUrl(), reason);
        return new PageReader.Reading.Read(plain.page(), plain.contentType(), true);
    }

    private static boolean isHtml(String contentType) {
        MediaType type = MediaType.parse(contentType);
        return type.is("text/html") || type.is("application/xhtml+xml");
    }
}
