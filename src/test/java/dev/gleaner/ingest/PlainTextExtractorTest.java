package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainTextExtractorTest {
    private static final URI SOURCE = URI.create("https://example.org/files/notes.txt");

    private final PlainTextExtractor extractor = new PlainTextExtractor();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesUtf8ByDefault() {
        ExtractedPage page = extractor.extract(utf8("Grüße € ✓"), "text/plain", SOURCE);

        assertThat(page.text()).isEqualTo("Grüße € ✓");
    }

    @Test
    void decodesTheCharsetOfTheContentType() {
        byte[] latin1 = "Déjà vu".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(extractor
                        .extract(latin1, "text/plain; charset=\"ISO-8859-1\"", SOURCE)
                        .text())
                .isEqualTo("Déjà vu");
    }

    @Test
    void plainTextTitleIsTheFirstLine() {
        ExtractedPage page = extractor.extract(utf8("\n\n  Meeting notes  \nsecond line"), "text/plain", SOURCE);

        assertThat(page.title()).isEqualTo("Meeting notes");
    }

    @Test
    void markdownTitleIsTheFirstHeadingOutsideCode() {
        String markdown = "Intro line\n\n```\n# not a heading\n```\n\n## Real Heading ##\n\nBody";

        ExtractedPage page = extractor.extract(utf8(markdown), "text/markdown", SOURCE);

        assertThat(page.title()).isEqualTo("Real Heading");
    }

    @Test
    void markdownHeadingsStandAloneSoTheChunkerSeesThem() {
        String markdown = "# Title\nFirst line.\n## Part\nMore text.\n```\n# comment\n```";

        ExtractedPage page = extractor.extract(utf8(markdown), "text/markdown; charset=utf-8", SOURCE);

        assertThat(page.text()).isEqualTo("# Title\n\nFirst line.\n\n## Part\n\nMore text.\n```\n# comment\n```");
        assertThat(new Chunker().chunk(page.text(), 500, 0).getFirst().headingPath())
                .containsExactly("Title");
    }

    @Test
    void anEmptyTextIsTitledByTheFileName() {
        assertThat(extractor.extract(new byte[0], "text/plain", SOURCE).title()).isEqualTo("notes.txt");
        assertThat(extractor
                        .extract(new byte[0], "text/plain", URI.create("https://example.org/"))
                        .title())
                .isEqualTo("https://example.org/");
    }

    @Test
    void normalizesLineEndsAndRemovesControlCharacters() {
        ExtractedPage page = extractor.extract(utf8("\uFEFFa\r\nb\u0000c\r\n\r\n\r\n\r\nd  "), "text/plain", SOURCE);

        assertThat(page.text()).isEqualTo("a\nbc\n\nd");
    }

    @Test
    void hasNoLinksAndNoRobotsDirectives() {
        ExtractedPage page = extractor.extract(utf8("See https://example.org/x"), "text/plain", SOURCE);

        assertThat(page.links()).isEqualTo(List.of());
        assertThat(page.noindex()).isFalse();
        assertThat(page.nofollow()).isFalse();
    }

    @Test
    void textIsBoundedByTheLimit() {
        PlainTextExtractor limited = new PlainTextExtractor(100);

        String text = limited.extract(utf8("word ".repeat(1_000)), "text/plain", SOURCE)
                .text();

        assertThat(text.length()).isLessThanOrEqualTo(100);
        assertThat(text).matches("(word )*word");
    }

    @Test
    void handlesPlainTextAndMarkdownOnly() {
        assertThat(PlainTextExtractor.handles("text/plain; charset=utf-8")).isTrue();
        assertThat(PlainTextExtractor.handles("TEXT/MARKDOWN")).isTrue();
        assertThat(PlainTextExtractor.handles("text/html")).isFalse();
        assertThat(PlainTextExtractor.handles(null)).isFalse();
    }
}
