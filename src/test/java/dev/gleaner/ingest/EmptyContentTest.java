package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.bench.ExtractionFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmptyContentTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    @Test
    void fewerThanMinLinksIsNeverOnlyLinks() {
        assertThat(new MainContentLinks(MainContentLinks.MIN_LINKS - 1, 100, 0).onlyLinks())
                .isFalse();
        assertThat(new MainContentLinks(MainContentLinks.MIN_LINKS, 100, 0).onlyLinks())
                .isTrue();
    }

    @Test
    void linkTextMakingTheShareOfTheWordsIsOnlyLinksWhateverItsLength() {
        // 80 of 100 words in links: exactly the share.
        assertThat(new MainContentLinks(40, 800, 200).onlyLinks()).isTrue();
        assertThat(new MainContentLinks(40, 79, 21).onlyLinks()).isFalse();
        assertThat(new MainContentLinks(40, 80, 20).onlyLinks()).isTrue();
    }

    @Test
    void fewOwnWordsWithMoreWordsInLinksIsOnlyLinks() {
        int justUnder = MainContentLinks.MIN_OWN_WORDS - 1;
        assertThat(new MainContentLinks(3, justUnder + 1, justUnder).onlyLinks())
                .isTrue();
        assertThat(new MainContentLinks(3, justUnder, justUnder).onlyLinks()).isFalse();
        assertThat(new MainContentLinks(3, MainContentLinks.MIN_OWN_WORDS + 1, MainContentLinks.MIN_OWN_WORDS)
                        .onlyLinks())
                .isFalse();
    }

    @Test
    void aTableOfContentsIsMeasuredBeforeItsLinkListIsDroppedAndHasNothingToIndex() {
        String items = IntStream.range(0, 42)
                .mapToObj(i -> "<li><a href=\"/docs/page-" + i + ".html\">Chapter " + i + " of the guide</a></li>")
                .collect(Collectors.joining());
        ExtractedPage page = extract("<main><h1><a href=\"#contents\">Contents</a> ¶</h1>"
                + "<p>Everything the guide covers, chapter by chapter, in reading order here.</p>"
                + "<ul>" + items + "</ul></main>");

        assertThat(page.mainContentLinks()).isEqualTo(new MainContentLinks(42, 42 * 5, 12));
        assertThat(EmptyContent.reason(page))
                .isEqualTo("The page's main content is only links (42 links, 12 words of text): nothing to index");
    }

    @Test
    void aGeneratedIndexWithLetterHeadingsAndSeparatorsIsOnlyLinks() {
        StringBuilder html = new StringBuilder("<div role=main><h1>Index</h1><div>");
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            html.append("<a href=\"#")
                    .append(letter)
                    .append("\">")
                    .append(letter)
                    .append("</a> | ");
        }
        html.append("</div>");
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            html.append("<h2 id=").append(letter).append('>').append(letter).append("</h2><table><tr><td><ul>");
            for (int i = 0; i < 4; i++) {
                html.append("<li><a href=\"api.html#")
                        .append(letter)
                        .append(i)
                        .append("\">")
                        .append(letter)
                        .append("func")
                        .append(i)
                        .append("() (module ")
                        .append(letter)
                        .append(")</a></li>");
            }
            html.append("</ul></td></tr></table>");
        }
        ExtractedPage page = extract(html + "</div>");

        assertThat(page.mainContentLinks().onlyLinks()).isTrue();
        assertThat(EmptyContent.reason(page)).startsWith("The page's main content is only links (130 links, 27 words");
    }

    @Test
    void anArticleWithLinksInItsProseHasSomethingToIndex() {
        ExtractedPage page = extract("<main><h1>Install</h1><p>Download the <a href=/a>installer</a>, run it and"
                + " follow the <a href=/b>setup guide</a>; the <a href=/c>release notes</a> list what changed since"
                + " the last version, and the <a href=/d>FAQ</a> answers the usual questions.</p></main>");

        assertThat(page.mainContentLinks().links()).isEqualTo(4);
        assertThat(page.mainContentLinks().onlyLinks()).isFalse();
        assertThat(EmptyContent.reason(page)).isNull();
    }

    @Test
    void aPageWithoutTextHasNothingToIndex() {
        assertThat(EmptyContent.reason(extract("<main><img src=a.png></main>")))
                .isEqualTo("The page has no text: nothing to index");
        assertThat(EmptyContent.reason(new ExtractedPage("t", " \n", java.util.List.of(), false, false, null)))
                .isEqualTo("The page has no text: nothing to index");
        assertThat(EmptyContent.reason(new ExtractedPage("t", "Short.", java.util.List.of(), false, false, null)))
                .isNull();
    }

    @Test
    void aPageWhoseTextIsOnlyHeadingsHasNothingToIndex() {
        assertThat(EmptyContent.reason(extract("<main><h1>Contents</h1><ul class=toc><li><a href=/a>A</a></li>"
                        + "<li><a href=/b>B</a></li><li><a href=/c>C</a></li></ul><h2>More</h2></main>")))
                .isEqualTo("The page's main content is only headings: nothing to index");
        assertThat(EmptyContent.reason(new ExtractedPage(
                        "t", "# Title\n\n## Part\n\nOne line.", java.util.List.of(), false, false, null)))
                .isNull();
    }

    @Test
    void noContentPageOfTheExtractionFixturesIsJudgedEmpty() {
        List<ExtractionFixture> fixtures = ExtractionFixture.all();
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(8);
        for (ExtractionFixture fixture : fixtures) {
            ExtractedPage page = extractor.extract(
                    fixture.html(), "text/html; charset=utf-8", URI.create("https://fixtures.example/page.html"));
            assertThat(EmptyContent.reason(page))
                    .as("%s: %s", fixture.name(), page.mainContentLinks())
                    .isNull();
        }
    }

    @Test
    void wordsHoldALetterOrDigit() {
        assertThat(MainContentLinks.words(" | ¶ — a b2 «c» 3 ")).isEqualTo(4);
        assertThat(MainContentLinks.words("")).isZero();
    }

    private ExtractedPage extract(String html) {
        return extractor.extract(
                ("<html><head><title>T</title></head><body>" + html + "</body></html>")
                        .getBytes(StandardCharsets.UTF_8),
                "text/html; charset=utf-8",
                URI.create("http://docs.test/docs/"));
    }
}
