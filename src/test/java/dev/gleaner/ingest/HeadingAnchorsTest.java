package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code {#id}} suffix of heading lines: which id a heading gets, and which text. */
class HeadingAnchorsTest {
    private static final URI PAGE = URI.create("https://example.org/docs/page.html");

    private static String text(String mainHtml) {
        return new HtmlExtractor()
                .extract(("<main>" + mainHtml + "</main>").getBytes(StandardCharsets.UTF_8), "text/html", PAGE)
                .text();
    }

    @Test
    void theHeadingsOwnIdComesFirst() {
        assertThat(text("<section id=\"outer\"><h2 id=\"own\"><a id=\"inner\"></a>Title</h2></section>"))
                .isEqualTo("## Title {#own}");
    }

    @Test
    void anIdOrNameInsideTheHeadingComesNext() {
        assertThat(text("<section id=\"outer\"><h2><a id=\"inner\"></a>Title</h2></section>"))
                .isEqualTo("## Title {#inner}");
        assertThat(text("<h3><a name=\"legacy\">Old style</a></h3>")).isEqualTo("### Old style {#legacy}");
        assertThat(text("<h2><span class=\"mw-headline\" id=\"History\">History</span></h2>"))
                .isEqualTo("## History {#History}");
    }

    @Test
    void thenTheSectionTheHeadingOpens() {
        assertThat(text("<section id=\"setup\"><span id=\"label\"></span><h2>Setup</h2><p>x</p></section>"))
                .startsWith("## Setup {#setup}");
        assertThat(text("<div class=\"sect1\" id=\"S1\"><div class=\"titlepage\"><div><h2>Deep</h2></div></div></div>"))
                .isEqualTo("## Deep {#S1}");
    }

    @Test
    void aSectionTheHeadingDoesNotOpenLendsItNoId() {
        assertThat(text("<section id=\"s\"><p>Intro first.</p><h2>Later</h2></section>"))
                .isEqualTo("Intro first.\n\n## Later");
        assertThat(text("<div id=\"content\"><h2>Wrapper</h2></div>")).isEqualTo("## Wrapper");
    }

    @Test
    void thenAnEmptyAnchorRightBeforeIt() {
        assertThat(text("<a name=\"before\"></a><h2>Named</h2>")).isEqualTo("## Named {#before}");
        assertThat(text("<span id=\"spanned\"></span><h2>Spanned</h2>")).isEqualTo("## Spanned {#spanned}");
    }

    @Test
    void thenThePermalinkTargetThatExistsOnThePage() {
        assertThat(text("<div id=\"x\"></div><h3><a href=\"#x\">Linked title</a></h3>"))
                .isEqualTo("### Linked title {#x}");
        assertThat(text("<a id=\"user-content-usage\"></a><h2>Usage <a class=\"anchor\" href=\"#usage\">#</a></h2>"))
                .isEqualTo("## Usage {#user-content-usage}");
        assertThat(text("<h2>Nowhere <a class=\"headerlink\" href=\"#missing\">¶</a></h2>"))
                .isEqualTo("## Nowhere");
    }

    @Test
    void idsThatCannotBeWrittenAsASuffixAreDropped() {
        assertThat(text("<h2 id=\"has space\">Spaced</h2>")).isEqualTo("## Spaced");
        assertThat(text("<h2 id=\"brace}\">Braced</h2>")).isEqualTo("## Braced");
    }

    @Test
    void permalinkMarkersAndLabelsAreNotPartOfTheText() {
        assertThat(text("<h2 id=\"a\">Alpha<a class=\"headerlink\" href=\"#a\">¶</a></h2>"))
                .isEqualTo("## Alpha {#a}");
        assertThat(text("<h2 id=\"b\">Beta<a href=\"#b\" class=\"hash-link\" aria-label=\"Direct link to Beta\">"
                        + "\u200B</a></h2>"))
                .isEqualTo("## Beta {#b}");
        assertThat(text("<h2 id=\"c\">Gamma <a href=\"#c\">§</a></h2>")).isEqualTo("## Gamma {#c}");
        assertThat(text("<h2 id=\"d\">Using C#</h2>")).isEqualTo("## Using C# {#d}");
    }

    @Test
    void aTermThatIsALinkTargetHeadsItsDescriptionOneLevelBelowItsSection() {
        assertThat(text("<h2 id=\"api\">API</h2><dl><dt id=\"f\">f(x)</dt><dd><p>Does f.</p></dd>"
                        + "<dt>Plain term</dt><dd>Plain description.</dd></dl>"))
                .isEqualTo("## API {#api}\n\n### f(x) {#f}\n\nDoes f.\n\n**Plain term**\nPlain description.");
    }
}
