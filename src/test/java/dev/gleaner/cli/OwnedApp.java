package dev.gleaner.cli;

import dev.gleaner.config.GleanerConfig;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real application on port 0 with one owner, started before each test and closed after it, and the client
 * commands run against it with that owner's key. Register it on a field: {@code @RegisterExtension final OwnedApp app
 * = OwnedApp.in(() -> data);} where {@code data} is the test's {@code @TempDir}.
 */
final class OwnedApp implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<Path> data;
    private final UnaryOperator<GleanerConfig> tweak;
    private @Nullable TestApp app;
    private @Nullable TestApi api;

    private OwnedApp(Supplier<Path> data, UnaryOperator<GleanerConfig> tweak) {
        this.data = data;
        this.tweak = tweak;
    }

    /** The application with its data in the directory {@code data} gives when a test starts. */
    static OwnedApp in(Supplier<Path> data) {
        return in(data, config -> config);
    }

    /** The same, with its configuration changed by {@code tweak}. */
    static OwnedApp in(Supplier<Path> data, UnaryOperator<GleanerConfig> tweak) {
        return new OwnedApp(data, tweak);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        app = TestApp.start(data.get(), tweak);
        api = app.newOwner();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (app != null) {
            app.close();
        }
    }

    TestApp app() {
        return Objects.requireNonNull(app, "started before each test");
    }

    /** The owner, through the API. */
    TestApi api() {
        return Objects.requireNonNull(api, "started before each test");
    }

    /** The client run with these arguments, the owner's key and this server. */
    ClientRun run(String... args) {
        return ClientRun.of(List.of(args), withKey(Objects.requireNonNull(api().key())));
    }

    /** The client run as {@code program}, so that hints name it. */
    ClientRun runAs(String program, String... args) {
        return ClientRun.as(program, List.of(args), withKey(Objects.requireNonNull(api().key())));
    }

    /** The options naming this server and the given key. */
    List<String> withKey(String key) {
        return List.of("--server", "http://127.0.0.1:" + app().port(), "--key", key);
    }
}
