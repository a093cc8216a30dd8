package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ingest.MiniLmEmbedder;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled all-MiniLM-L6-v2 model end to end: crawl a site, then find a page by a question it answers. */
class RealModelSearchIT {
    @TempDir
    Path data;

    @Test
    void aQuestionFindsThePageThatAnswersIt() {
        try (TestApp app = TestApp.start(TestApp.config(data), new MiniLmEmbedder());
                TestSite site = TestSite.withGeneratedSite(1)) {
            site.page(
                    "/docs/",
                    docPage(
                            "Documentation",
                            "<a href=\"reset.html\">Passwords</a>"
                                    + " <a href=\"billing.html\">Billing</a> <a href=\"export.html\">Export</a>"));
            site.page(
                    "/docs/reset.html",
                    docPage(
                            "Resetting your password",
                            "<p>If you forgot your password, open the sign-in page and choose “Forgot password”. We email"
                                    + " you a reset link that stays valid for 30 minutes. Follow it and pick a new password"
                                    + " of at least twelve characters.</p>"));
            site.page(
                    "/docs/billing.html",
                    docPage(
                            "Invoices and billing",
                            "<p>Invoices are issued on the first day of each month and paid by credit card or bank"
                                    + " transfer. Change the billing address under Settings, then Billing.</p>"));
            site.page(
                    "/docs/export.html",
                    docPage(
                            "Exporting your data",
                            "<p>You can download all of your projects as a ZIP archive of CSV files from the account"
                                    + " page. Large exports are prepared in the background and sent by email.</p>"));
            TestApi api = app.newOwner();
            Kb kb = Kb.create(api);
            JsonNode job =
                    kb.awaitFinished(kb.crawl(Map.of("url", site.url("/docs/").toString())), Duration.ofMinutes(2));
            assertThat(job.path("done").asLong()).isEqualTo(4);

            JsonNode hits = kb.query("How can I get a new password when I can't log in?", 3, 0.3);

            assertThat(hits).isNotEmpty();
            assertThat(hits.get(0).path("sourceUrl").asText())
                    .isEqualTo(site.url("/docs/reset.html").toString());
            assertThat(hits.get(0).path("title").asText()).isEqualTo("Resetting your password");
            assertThat(hits.get(0).path("content").asText()).contains("reset link");
            for (JsonNode hit : hits) {
                assertThat(hit.path("score").asDouble()).isBetween(0.3, 1.0);
            }
        }
    }

    private static String docPage(String title, String body) {
        return "<!doctype html><html><head><title>" + title + "</title></head><body><nav><a href=\"/docs/\">Docs</a>"
                + "</nav><main><h1>" + title + "</h1>" + body + "</main></body></html>";
    }
}
