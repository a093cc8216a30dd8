package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running application, one owner of it, and a headless browser on its web UI, opened before each test and closed
 * after it: where every browser test starts. Register it on a field: {@code @RegisterExtension final UiSession ui =
 * UiSession.on(() -> TestApp.start(data));} where {@code data} is the test's {@code @TempDir}.
 */
final class UiSession implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<TestApp> starter;
    private final int width;
    private final int height;
    private @Nullable TestApp app;
    private @Nullable HeadlessChromium browser;
    private @Nullable TestApi api;
    private @Nullable GleanerPage page;

    private UiSession(Supplier<TestApp> starter, int width, int height) {
        this.starter = starter;
        this.width = width;
        this.height = height;
    }

    /** A browser at desktop size on the application {@code starter} starts before each test. */
    static UiSession on(Supplier<TestApp> starter) {
        return on(starter, Layout.DESKTOP_WIDTH, Layout.DESKTOP_HEIGHT);
    }

    /** A browser of this size on the application {@code starter} starts before each test. */
    static UiSession on(Supplier<TestApp> starter, int width, int height) {
        return new UiSession(starter, width, height);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestApp started = starter.get();
        app = started;
        api = started.newOwner();
        HeadlessChromium opened = HeadlessChromium.start(width, height);
        browser = opened;
        page = new GleanerPage(opened.driver(), "http://127.0.0.1:" + started.port());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    TestApp app() {
        return Objects.requireNonNull(app, "opened before each test");
    }

    /** The owner whose key the page is given. */
    TestApi api() {
        return Objects.requireNonNull(api, "opened before each test");
    }

    HeadlessChromium browser() {
        return Objects.requireNonNull(browser, "opened before each test");
    }

    GleanerPage page() {
        return Objects.requireNonNull(page, "opened before each test");
    }

    /** Opens the page and gives it the owner's key. */
    void signIn() {
        page().open();
        page().pasteKey(Objects.requireNonNull(api().key()));
    }

    /** Signs in, then creates a project and a knowledgebase in it on the page; returns that knowledgebase. */
    Kb createKnowledgebase(String projectName, String kbName) {
        signIn();
        page().createProject(projectName);
        page().createKnowledgebase(kbName);
        return selectedKb();
    }

    /** The project and knowledgebase the page has selected, as its address says. */
    Kb selectedKb() {
        Map<String, String> selection = page().hashSelection();
        assertThat(selection).containsKeys("project", "kb");
        return new Kb(
                api(), Objects.requireNonNull(selection.get("project")), Objects.requireNonNull(selection.get("kb")));
    }
}
