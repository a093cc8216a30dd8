package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.bench.ExtractionFixture;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class ExtractionFixturesTest {
    private static final URI PAGE_URL = URI.create("https://fixtures.example/page.html");

    private final HtmlExtractor extractor = new HtmlExtractor();

    @TestFactory
    List<DynamicTest> everyFixtureKeepsItsContentAndDropsItsBoilerplate() {
        List<ExtractionFixture> fixtures = ExtractionFixture.all();
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(8);
        return fixtures.stream()
                .map(fixture -> DynamicTest.dynamicTest(fixture.name(), () -> {
                    String text = extractor
                            .extract(fixture.html(), "text/html; charset=utf-8", PAGE_URL)
                            .text();
                    assertThat(fixture.missing(text))
                            .as("must-keep sentences missing from:%n%s", text)
                            .isEmpty();
                    assertThat(fixture.leaked(text))
                            .as("boilerplate left in:%n%s", text)
                            .isEmpty();
                }))
                .toList();
    }
}
