package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory of the real application is readable by its owner only: created 0700 with its database 0600, and
 * an existing one left open to others (0755 directories, 0644 files) restricted on start; files the search index
 * writes later are restricted after its commits.
 */
class DataDirectoryIT {
    private static final String PRIVATE_DIR = "rwx------";
    private static final String PRIVATE_FILE = "rw-------";

    @Test
    @SuppressWarnings("try") // the app only has to be running while the directory is inspected
    void aNewDataDirectoryAndItsFilesAreReadableByTheOwnerOnly(@TempDir Path parent) throws IOException {
        Path data = parent.resolve("data");

        try (TestApp app = TestApp.start(data)) {
            assertThat(permissions(data)).isEqualTo(PRIVATE_DIR);
            assertThat(permissions(data.resolve("gleaner.db"))).isEqualTo(PRIVATE_FILE);
            assertThat(permissions(data.resolve("index"))).isEqualTo(PRIVATE_DIR);
            assertEverythingPrivate(data);
        }
    }

    @Test
    void anExistingDataDirectoryOpenToOthersIsRestrictedOnStart(@TempDir Path parent) throws IOException {
        Path data = parent.resolve("data");
        try (TestApp app = TestApp.start(data)) {
            Kb.create(app.newOwner());
        }
        Path stray = data.resolve("notes").resolve("copy.txt");
        Files.createDirectories(stray.getParent());
        Files.writeString(stray, "a copy of a document");
        try (Stream<Path> all = Files.walk(data)) {
            for (Path path : all.toList()) {
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }

        try (TestApp app = TestApp.start(data)) {
            assertEverythingPrivate(data);

            Kb kb = Kb.create(app.newOwner());
            String id = kb.api()
                    .upload(
                            kb.path() + "/datasets",
                            "dataset",
                            "a.txt",
                            "text/plain",
                            "Private words.".getBytes(StandardCharsets.UTF_8))
                    .json()
                    .path("id")
                    .asText();
            // The index commits every few seconds; whatever it writes is restricted after the commit.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(kb.api()
                                .get(kb.path() + "/datasets/" + id)
                                .json()
                                .path("isParsed")
                                .asBoolean())
                        .isTrue();
                assertEverythingPrivate(data);
            });
        }
    }

    private static void assertEverythingPrivate(Path data) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(data)) {
            for (Path path : all.toList()) {
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String wanted = Files.isDirectory(path) ? PRIVATE_DIR : PRIVATE_FILE;
                String actual = permissions(path);
                if (!actual.equals(wanted)) {
                    open.add(data.relativize(path) + " " + actual);
                }
            }
        } catch (java.io.UncheckedIOException e) {
            // A file the index removed while walking: the next attempt sees the directory as it is then.
            open.add("changed while listed");
        }
        assertThat(open).isEmpty();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
