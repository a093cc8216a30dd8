package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query result links to the section of its page the chunk is in: {@code sourceUrl#anchor} of its nearest heading. */
class SectionLinksApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(90);

    @TempDir
    Path data;

    @Test
    void aResultsSourceUrlOpensTheSectionOfItsNearestHeadingWithAnId() {
        try (TestApp app = TestApp.start(data);
                TestSite site = TestSite.start()) {
            site.page("/manual", manual());
            String page = site.url("/manual").toString();
            Kb kb = Kb.create(app.newOwner(), Map.of("chunkSize", 300, "chunkOverlap", 30));

            JsonNode job = kb.awaitFinished(kb.crawl(Map.of("urls", List.of(page))), WITHIN);
            assertThat(job.path("done").asLong()).as(job.toString()).isEqualTo(1);

            JsonNode port = kb.query("Which port does the widget listen on and how do I change it?", 1, 0.0)
                    .get(0);
            assertThat(port.path("sourceUrl").asText()).isEqualTo(page + "#x");
            assertThat(port.path("anchor").asText()).isEqualTo("x");
            assertThat(port.path("headingPath"))
                    .extracting(JsonNode::asText)
                    .containsExactly("Widget manual", "Configuring the port");
            assertThat(port.path("content").asText())
                    .startsWith("## Configuring the port\n\n")
                    .doesNotContain("{#");

            JsonNode deeper = kb.query("Which log level prints every request the widget receives?", 1, 0.0)
                    .get(0);
            // The subsection has no id of its own: it links to its section's.
            assertThat(deeper.path("headingPath"))
                    .extracting(JsonNode::asText)
                    .containsExactly("Widget manual", "Configuring the port", "Logging");
            assertThat(deeper.path("sourceUrl").asText()).isEqualTo(page + "#x");

            JsonNode accented = kb.query("Réglages en français: langue de l'interface du widget", 1, 0.0)
                    .get(0);
            assertThat(accented.path("sourceUrl").asText()).isEqualTo(page + "#r%C3%A9glages");
            assertThat(accented.path("anchor").asText()).isEqualTo("réglages");

            List<JsonNode> all = new ArrayList<>();
            kb.query("widget manual introduction what the widget is", 10, 0.0).forEach(all::add);
            JsonNode intro = all.stream()
                    .filter(hit -> hit.path("position").asInt() == 0)
                    .findFirst()
                    .orElseThrow();
            // Before any heading with an id: the page itself, no fragment.
            assertThat(intro.path("sourceUrl").asText()).isEqualTo(page);
            assertThat(intro.has("anchor")).isFalse();
        }
    }

    private static String manual() {
        return "<!doctype html><html><head><title>Widget manual</title></head><body><main>"
                + "<h1>Widget manual</h1>"
                + "<p>The widget is a small server that answers status requests for a fleet of sensors. This manual"
                + " is the introduction to what the widget is and how it is run day to day.</p>"
                + "<h2 id=\"installing-on-linux\">Installing on Linux</h2>"
                + "<p>Install the widget from the Debian package with apt, then enable its systemd unit so that it"
                + " starts at boot. The package creates a widget user that owns /var/lib/widget.</p>"
                + "<h2 id=\"x\">Configuring the port</h2>"
                + "<p>The widget listens on port 8080 by default. Change the listening port with the --port flag or"
                + " the port key of widget.toml, then restart the service for the new port to apply.</p>"
                + "<h3>Logging</h3>"
                + "<p>Set the log level to debug to print every request the widget receives, with its timing;"
                + " info prints only start, stop and errors.</p>"
                + "<h2 id=\"réglages\">Réglages</h2>"
                + "<p>Réglages en français: la langue de l'interface du widget se choisit dans le menu Réglages,"
                + " rubrique Langue, et s'applique sans redémarrer le service.</p>"
                + "</main></body></html>";
    }
}
