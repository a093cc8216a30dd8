package dev.gleaner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SectionIndexTest {
    private static SectionIndex page(String body) {
        return SectionIndex.of(Map.of("p.html", "<html><body>" + body + "</body></html>"));
    }

    @Test
    void findsTheAnchorWhereEachSiteGeneratorPutsIt() {
        SectionIndex sections =
                page("<section id=\"retries\"><h1>Retries<a class=\"headerlink\" href=\"#retries\">¶</a></h1>"
                        + "<section id=\"retry-policy\"><h2>Configuring a retry policy<a class=\"headerlink\""
                        + " href=\"#retry-policy\">¶</a></h2><p>Sphinx</p></section></section>"
                        + "<div class=\"sect1\"><div class=\"titlepage\"><div><div><h2 class=\"title\"><a id=\"backup-file\"></a>"
                        + "25.2. File System Level Backup</h2></div></div></div><p>DocBook</p></div>"
                        + "<div class=\"markdown-heading\"><h2 class=\"heading-element\">Values</h2>"
                        + "<a id=\"user-content-values\" class=\"anchor\" href=\"#values\"></a></div>"
                        + "<section class=\"detail\" id=\"maxAttempts(int)\"><h3>maxAttempts</h3><p>Javadoc</p></section>"
                        + "<h2 class=\"anchor\" id=\"default-retry-policy\">Default retry policy<a href=\"#default-retry-policy\""
                        + " class=\"hash-link\">\u200b</a></h2>"
                        + "<h2>Only a permalink<a class=\"headerlink\" href=\"#only-a-permalink\">#</a></h2>");

        assertThat(sections.units())
                .containsExactlyInAnyOrder(
                        "p.html#retries",
                        "p.html#retry-policy",
                        "p.html#backup-file",
                        "p.html#user-content-values",
                        "p.html#maxAttempts(int)",
                        "p.html#default-retry-policy",
                        "p.html#only-a-permalink");
        assertThat(sections.unitOf("p.html", List.of("Retries", "Configuring a retry policy¶")))
                .isEqualTo("p.html#retry-policy");
        assertThat(sections.unitOf("p.html", List.of("25.2. File System Level Backup")))
                .isEqualTo("p.html#backup-file");
        assertThat(sections.unitOf("p.html", List.of("Values[#](#values)"))).isEqualTo("p.html#user-content-values");
        assertThat(sections.unitOf("p.html", List.of("Default retry policy\u200b")))
                .isEqualTo("p.html#default-retry-policy");
    }

    @Test
    void headingsWithTheSameTextAreToldApartByTheirEnclosingHeadings() {
        SectionIndex sections = page("<h1>Guide</h1><h2 id=\"cron\">Cron</h2><h3 id=\"cron-example\">Example</h3>"
                + "<h2 id=\"interval\">Interval</h2><h3 id=\"interval-example\">Example</h3>");

        assertThat(sections.unitOf("p.html", List.of("Guide", "Interval", "Example")))
                .isEqualTo("p.html#interval-example");
        assertThat(sections.unitOf("p.html", List.of("Guide", "Cron", "Example")))
                .isEqualTo("p.html#cron-example");
    }

    @Test
    void namesChunksOutsideAnyAnchoredSectionSoThatTheyNeverCountAsRelevant() {
        SectionIndex sections = page("<h1 class=\"title\">Class RetryPolicy</h1><h2 id=\"methods\">Methods</h2>");

        assertThat(sections.unitOf("p.html", List.of())).isEqualTo("p.html#");
        assertThat(sections.unitOf("p.html", List.of("Class RetryPolicy"))).isEqualTo("p.html#:class retrypolicy");
        assertThat(sections.unitOf("p.html", List.of("Cookie settings"))).isEqualTo("p.html#?cookie settings");
        assertThat(sections.units()).containsExactly("p.html#methods");
    }
}
