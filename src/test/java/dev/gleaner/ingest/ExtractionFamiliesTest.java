package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.bench.ExtractionFixture;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Pages as real site generators emit them (Sphinx, MkDocs Material, Docusaurus, Javadoc, DocBook, Hugo, Jekyll, GitHub,
 * a help center, Confluence): every heading line with its anchor and its level, definition terms, code, tables and
 * admonitions kept, the generator's chrome dropped.
 */
class ExtractionFamiliesTest {
    private static final URI PAGE_URL = URI.create("https://fixtures.example/page.html");

    /** The families a fixture must exist for, by file name. */
    private static final Set<String> FAMILIES = Set.of(
            "sphinx-rtd",
            "sphinx-alabaster",
            "mkdocs-material",
            "docusaurus",
            "javadoc",
            "docbook",
            "hugo-blog",
            "jekyll-blog",
            "github-readme",
            "help-center",
            "confluence");

    private final HtmlExtractor extractor = new HtmlExtractor();

    @TestFactory
    List<DynamicTest> everyFamilyKeepsItsStructureAndDropsItsChrome() {
        List<ExtractionFixture> families = ExtractionFixture.all().stream()
                .filter(fixture -> !fixture.headings().isEmpty())
                .toList();
        assertThat(families.stream().map(ExtractionFixture::name).collect(Collectors.toSet()))
                .containsAll(FAMILIES);
        return families.stream()
                .map(fixture -> DynamicTest.dynamicTest(fixture.name(), () -> check(fixture)))
                .toList();
    }

    private void check(ExtractionFixture fixture) {
        String text = extractor
                .extract(fixture.html(), "text/html; charset=utf-8", PAGE_URL)
                .text();
        List<String> lines = text.lines().toList();
        List<String> headingLines =
                lines.stream().filter(line -> line.matches("#{1,6} .*")).toList();
        assertThat(headingLines).as("heading lines of:%n%s", text).containsExactlyElementsOf(fixture.headings());
        assertThat(fixture.lines()).as("lines missing from:%n%s", text).allSatisfy(line -> assertThat(lines)
                .contains(line));
        assertThat(fixture.missing(text))
                .as("must-keep sentences missing from:%n%s", text)
                .isEmpty();
        assertThat(fixture.leaked(text)).as("boilerplate left in:%n%s", text).isEmpty();
    }
}
