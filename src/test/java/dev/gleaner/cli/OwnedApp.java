package dev.gleaner.cli;

import dev.gleaner.config.GleanerConfig;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** The real application on port 0 with one owner, and the client commands run against it with that owner's key. */
final class OwnedApp implements AutoCloseable {
    private final TestApp app;
    private final TestApi api;

    private OwnedApp(TestApp app) {
        this.app = app;
        this.api = app.newOwner();
    }

    static OwnedApp start(Path data) {
        return new OwnedApp(TestApp.start(data));
    }

    static OwnedApp start(Path data, UnaryOperator<GleanerConfig> tweak) {
        return new OwnedApp(TestApp.start(data, tweak));
    }

    TestApp app() {
        return app;
    }

    /** The owner, through the API. */
    TestApi api() {
        return api;
    }

    /** The client run with these arguments, the owner's key and this server. */
    ClientRun run(String... args) {
        return ClientRun.of(List.of(args), withKey(Objects.requireNonNull(api.key())));
    }

    /** The client run as {@code program}, so that hints name it. */
    ClientRun runAs(String program, String... args) {
        return ClientRun.as(program, List.of(args), withKey(Objects.requireNonNull(api.key())));
    }

    /** The options naming this server and the given key. */
    List<String> withKey(String key) {
        return List.of("--server", "http://127.0.0.1:" + app.port(), "--key", key);
    }

    @Override
    public void close() {
        app.close();
    }
}
