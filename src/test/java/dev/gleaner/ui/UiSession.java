package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.util.Map;
import java.util.Objects;

/** A running application, one owner of it, and a headless browser on its web UI: where every browser test starts. */
final class UiSession implements AutoCloseable {
    private final TestApp app;
    private final TestApi api;
    private final HeadlessChromium browser;
    private final GleanerPage page;

    private UiSession(TestApp app, HeadlessChromium browser) {
        this.app = app;
        this.api = app.newOwner();
        this.browser = browser;
        this.page = new GleanerPage(browser.driver(), "http://127.0.0.1:" + app.port());
    }

    /** A browser at desktop size on {@code app}, which the session closes. */
    static UiSession open(TestApp app) {
        return open(app, Layout.DESKTOP_WIDTH, Layout.DESKTOP_HEIGHT);
    }

    /** A browser of this size on {@code app}, which the session closes. */
    static UiSession open(TestApp app, int width, int height) {
        try {
            return new UiSession(app, HeadlessChromium.start(width, height));
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    TestApp app() {
        return app;
    }

    /** The owner whose key the page is given. */
    TestApi api() {
        return api;
    }

    HeadlessChromium browser() {
        return browser;
    }

    GleanerPage page() {
        return page;
    }

    /** Opens the page and gives it the owner's key. */
    void signIn() {
        page.open();
        page.pasteKey(Objects.requireNonNull(api.key()));
    }

    /** Signs in, then creates a project and a knowledgebase in it on the page; returns that knowledgebase. */
    Kb createKnowledgebase(String projectName, String kbName) {
        signIn();
        page.createProject(projectName);
        page.createKnowledgebase(kbName);
        return selectedKb();
    }

    /** The project and knowledgebase the page has selected, as its address says. */
    Kb selectedKb() {
        Map<String, String> selection = page.hashSelection();
        assertThat(selection).containsKeys("project", "kb");
        return new Kb(
                api, Objects.requireNonNull(selection.get("project")), Objects.requireNonNull(selection.get("kb")));
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            app.close();
        }
    }
}
