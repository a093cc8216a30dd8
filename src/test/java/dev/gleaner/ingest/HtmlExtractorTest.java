package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HtmlExtractorTest {
    private static final URI PAGE = URI.create("https://example.org/docs/guide/page.html");
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

    private final HtmlExtractor extractor = new HtmlExtractor();

    private ExtractedPage extract(String html) {
        return extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", PAGE);
    }

    @Test
    void dropsNavigationScriptsStylesFootersAndHiddenElements() {
        ExtractedPage page = extract(
                """
                <html><head><title>T</title><style>.x{color:red}</style><script>var secret = 1;</script></head>
                <body>
                  <header>Site banner</header>
                  <nav><a href="/a">Menu entry</a></nav>
                  <div role="navigation">Breadcrumbs</div>
                  <p>Real content.</p>
                  <aside>Related posts</aside>
                  <form><label>Search</label><input name="q"></form>
                  <div hidden>Hidden text</div>
                  <div style="display: none">Invisible text</div>
                  <noscript>Enable scripts</noscript>
                  <footer>Copyright notice</footer>
                </body></html>
                """);

        assertThat(page.text()).isEqualTo("Real content.");
    }

    @Test
    void prefersTheMainElement() {
        ExtractedPage page = extract(
                """
                <body><div>Sidebar teaser</div>
                <main><h1>Guide</h1><p>First paragraph.</p><div>Second <b>bold</b> part.</div></main>
                <div>Trailing teaser</div></body>
                """);

        assertThat(page.text()).isEqualTo("# Guide\n\nFirst paragraph.\n\nSecond bold part.");
    }

    @Test
    void usesTheArticlesWhenThereIsNoMain() {
        ExtractedPage page = extract(
                """
                <body><div>Teaser</div>
                <article><header><h2>One</h2></header><p>First story.</p></article>
                <article><h2>Two</h2><p>Second story.</p></article></body>
                """);

        assertThat(page.text()).isEqualTo("## One\n\nFirst story.\n\n## Two\n\nSecond story.");
    }

    @Test
    void blockElementsBecomeParagraphsAndLineBreaksStay() {
        ExtractedPage page = extract(
                """
                <body><p>First   line<br>second line</p><div>Next <b>block</b></div></body>
                """);

        assertThat(page.text()).isEqualTo("First line\nsecond line\n\nNext block");
    }

    @Test
    void listsBecomeMarkdownItemsNestedUnderTheirItem() {
        ExtractedPage page = extract(
                """
                <main><ul><li>Item one</li><li>Item two<ol start="3"><li>Sub a</li><li>Sub b</li></ol></li></ul>
                <ol><li>First step</li><li>Second step</li></ol></main>
                """);

        assertThat(page.text())
                .isEqualTo("- Item one\n- Item two\n  3. Sub a\n  4. Sub b\n\n1. First step\n2. Second step");
    }

    @Test
    void tablesBecomePipeTablesWithTheFirstRowAsHeader() {
        ExtractedPage page = extract(
                """
                <main><table><thead><tr><th>Option</th><th>Default</th></tr></thead>
                <tbody><tr><td><code>--port</code></td><td>8080</td></tr><tr><td>a|b</td></tr></tbody></table></main>
                """);

        assertThat(page.text()).isEqualTo("| Option | Default |\n| --- | --- |\n| `--port` | 8080 |\n| a\\|b |  |");
    }

    @Test
    void preBecomesAFencedBlockKeptVerbatimWithItsLanguage() {
        ExtractedPage page = extract(
                """
                <main><p>Run <code>make</code> first.</p>
                <pre><code class="hljs language-python">def f(x):
                    # a comment

                    return x  *  2</code></pre><pre>plain ``` text</pre></main>
                """);

        assertThat(page.text())
                .isEqualTo("Run `make` first.\n\n```python\ndef f(x):\n    # a comment\n\n    return x  *  2\n```"
                        + "\n\n````\nplain ``` text\n````");
    }

    @Test
    void blockQuotesAndHeadingsKeepTheirMarkupAndPermalinksGo() {
        ExtractedPage page = extract(
                """
                <main><h2 id="s">Setup <a class="headerlink" href="#s">¶</a></h2>
                <blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote><p># not a heading</p></main>
                """);

        assertThat(page.text()).isEqualTo("## Setup {#s}\n\n> Quoted one.\n>\n> Quoted two.\n\n\\# not a heading");
    }

    @Test
    void cookieBannersShareWidgetsAndSkipLinksAreDropped() {
        ExtractedPage page = extract(
                """
                <body><a href="#content">Skip to content</a>
                <div id="cookie-notice"><p>We use cookies to improve your experience.</p><a href="/ok">Accept</a></div>
                <div class="gdpr-consent">Manage your privacy choices.</div>
                <div id="content"><h1>Real title</h1><p>The real article text is long enough to matter here.</p>
                <div class="share-buttons">Share on Twitter</div></div></body>
                """);

        assertThat(page.text()).isEqualTo("# Real title\n\nThe real article text is long enough to matter here.");
    }

    @Test
    void linkDenseBlocksAreDroppedAsNavigation() {
        ExtractedPage page = extract(
                """
                <main><div class="x"><a href="/a">Alpha page</a> | <a href="/b">Beta page</a> | <a href="/c">Gamma</a></div>
                <p>Read the <a href="/guide">guide</a> before you start, it explains everything.</p></main>
                """);

        assertThat(page.text()).isEqualTo("Read the guide before you start, it explains everything.");
    }

    @Test
    void withoutMainOrArticleTheDensestContainerIsTaken() {
        ExtractedPage page = extract(
                """
                <body><div class="top"><p>Short promo line for the whole site.</p></div>
                <div class="wrap"><div class="post"><h1>Post title</h1><div class="body">
                <p>First paragraph, with commas, and enough words to score well above the rest.</p>
                <p>Second paragraph, also long, also full of words, so this container wins.</p></div></div>
                <div class="links"><p>Teaser for something else on the site.</p></div></div></body>
                """);

        assertThat(page.text()).startsWith("# Post title\n\nFirst paragraph").doesNotContain("promo", "Teaser");
    }

    @Test
    void deeplyNestedMarkupIsRenderedWithoutRunningOutOfStack() {
        String html = "<main>" + "<div><blockquote><ul><li>".repeat(3_000) + "Deep words." + "</main>";

        assertThat(extract(html).text()).contains("Deep words.");
    }

    @Test
    void titleComesFromTheTitleElement() {
        assertThat(extract("<title>  The  Title </title><h1>Heading</h1>").title())
                .isEqualTo("The Title");
    }

    @Test
    void titleFallsBackToTheFirstHeadingThenTheUrl() {
        assertThat(extract("<title> </title><header><h1>Heading</h1></header>").title())
                .isEqualTo("Heading");
        assertThat(extract("<p>No title at all</p>").title()).isEqualTo(PAGE.toString());
    }

    @Test
    void titleIsBounded() {
        String title = "word ".repeat(200);

        assertThat(extract("<title>" + title + "</title>").title().length())
                .isLessThanOrEqualTo(HtmlExtractor.MAX_TITLE_CHARS);
    }

    @Test
    void linksAreAbsoluteDeduplicatedInOrderAndIncludeNavigation() {
        ExtractedPage page = extract(
                """
                <body><nav><a href="/home">Home</a></nav>
                <p><a href="next.html">Next</a> <a href="next.html#part">Next part</a>
                <a href="https://other.example/x?y=1">Other</a> <a href="/home">Home again</a>
                <a href="mailto:someone@example.org">Mail</a> <a href="javascript:void(0)">Js</a>
                <a href="#top">Top</a> <a href="/with space">Space</a> <a href="">Empty</a></p></body>
                """);

        assertThat(page.links())
                .containsExactly(
                        "https://example.org/home",
                        "https://example.org/docs/guide/next.html",
                        "https://other.example/x?y=1",
                        "https://example.org/docs/guide/page.html",
                        "https://example.org/with%20space");
    }

    @Test
    void linksResolveAgainstTheBaseHref() {
        ExtractedPage page =
                extract("<head><base href=\"https://cdn.example.net/root/\"></head><body><a href=\"a/b\">x</a></body>");

        assertThat(page.links()).containsExactly("https://cdn.example.net/root/a/b");
    }

    @Test
    void linksAreBoundedByTheLimit() {
        HtmlExtractor limited = new HtmlExtractor(1_000, 2);
        byte[] html = "<a href=/1>1</a><a href=/2>2</a><a href=/3>3</a>".getBytes(StandardCharsets.UTF_8);

        assertThat(limited.extract(html, "text/html", PAGE).links()).hasSize(2);
    }

    @Test
    void textIsBoundedByTheLimitAtAWordBoundary() {
        HtmlExtractor limited = new HtmlExtractor(50, 10);
        byte[] html = ("<p>" + "lorem ipsum ".repeat(100) + "</p>").getBytes(StandardCharsets.UTF_8);

        String text = limited.extract(html, "text/html", PAGE).text();

        assertThat(text.length()).isLessThanOrEqualTo(50);
        assertThat(text).matches("(lorem ipsum )*lorem( ipsum)?");
    }

    @Test
    void charsetComesFromTheContentType() {
        byte[] html = "<p>café</p>".getBytes(LATIN_1);

        assertThat(extractor
                        .extract(html, "text/html; charset=ISO-8859-1", PAGE)
                        .text())
                .isEqualTo("café");
    }

    @Test
    void charsetComesFromTheMetaElementWhenTheContentTypeHasNone() {
        byte[] html =
                "<html><head><meta charset=\"iso-8859-1\"></head><body><p>naïve</p></body></html>".getBytes(LATIN_1);

        assertThat(extractor.extract(html, "text/html", PAGE).text()).isEqualTo("naïve");
    }

    @Test
    void charsetDefaultsToUtf8() {
        byte[] html = "<p>€ and ü</p>".getBytes(StandardCharsets.UTF_8);

        assertThat(extractor
                        .extract(html, "text/html; charset=no-such-charset", PAGE)
                        .text())
                .isEqualTo("€ and ü");
    }

    @Test
    void robotsMetaSetsNoindexAndNofollow() {
        assertThat(extract("<meta name=robots content=\"noindex, follow\"><p>x</p>"))
                .extracting(ExtractedPage::noindex, ExtractedPage::nofollow)
                .containsExactly(true, false);
        assertThat(extract("<meta name=\"ROBOTS\" content=\"NOFOLLOW\"><p>x</p>"))
                .extracting(ExtractedPage::noindex, ExtractedPage::nofollow)
                .containsExactly(false, true);
        assertThat(extract("<meta name=robots content=none><p>x</p>"))
                .extracting(ExtractedPage::noindex, ExtractedPage::nofollow)
                .containsExactly(true, true);
        assertThat(extract("<p>x</p>"))
                .extracting(ExtractedPage::noindex, ExtractedPage::nofollow)
                .containsExactly(false, false);
    }

    @Test
    void controlCharactersAreRemoved() {
        assertThat(extract("<p>a\u0000b\u0007c</p>").text()).isEqualTo("abc");
    }

    @Test
    void anEmptyMainFallsBackToTheBody() {
        assertThat(extract("<body><main></main><p>Body text.</p></body>").text())
                .isEqualTo("Body text.");
    }

    @Test
    void canonicalResolvesARelativeHrefAgainstThePage() {
        assertThat(extract("<head><link rel=\"canonical\" href=\"../intro.html\"></head><p>x</p>")
                        .canonical())
                .isEqualTo("https://example.org/docs/intro.html");
    }

    @Test
    void canonicalKeepsAnAbsoluteHrefWithoutItsFragment() {
        assertThat(extract("<head><link rel=canonical href=\"https://mirror.example/guide#top\"></head>")
                        .canonical())
                .isEqualTo("https://mirror.example/guide");
    }

    @Test
    void canonicalResolvesAgainstTheBaseHref() {
        assertThat(extract(
                                """
                                <head><base href="https://cdn.example.net/root/">
                                <link rel="Canonical" href="page"></head>
                                """)
                        .canonical())
                .isEqualTo("https://cdn.example.net/root/page");
    }

    @Test
    void canonicalIsReadFromARelListThatNamesIt() {
        assertThat(extract("<head><link rel=\"alternate canonical\" href=\"/c\"></head>")
                        .canonical())
                .isEqualTo("https://example.org/c");
    }

    @Test
    void canonicalIsNullWhenMissingOrNotAnHttpUrl() {
        assertThat(extract("<head><title>T</title><link rel=alternate href=/other></head>")
                        .canonical())
                .isNull();
        assertThat(extract("<head><link rel=canonical href=\"javascript:void(0)\"></head>")
                        .canonical())
                .isNull();
        assertThat(extract("<head><link rel=canonical href=\"mailto:a@example.org\"></head>")
                        .canonical())
                .isNull();
        assertThat(extract("<head><link rel=canonical href=\"http://\"></head>").canonical())
                .isNull();
        assertThat(extract("<head><link rel=canonical href=\"\"></head>").canonical())
                .isNull();
    }

    @Test
    void aCanonicalLinkInTheBodyIsIgnored() {
        assertThat(extract("<head><title>T</title></head><body><p>x</p><link rel=canonical href=/c></body>")
                        .canonical())
                .isNull();
    }
}
