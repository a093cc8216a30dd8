package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one sentence of each start failure, including those a test running as root cannot provoke for real. */
class StartFailureTest {
    @TempDir
    Path work;

    @Test
    void aBindExceptionIsThePortInUseOrAnAddressThatCannotBeListenedOn() {
        assertThat(StartFailure.of(wrapped(new BindException("Address already in use")), work, "127.0.0.1", 8080))
                .isEqualTo(new StartFailure.PortInUse("127.0.0.1", 8080));
        assertThat(StartFailure.of(
                                wrapped(new BindException("Cannot assign requested address")), work, "10.9.9.9", 8080)
                        .sentence())
                .isEqualTo("cannot listen on 10.9.9.9:8080: cannot assign requested address; check --host and --port");
    }

    @Test
    void aDirectoryThatCannotBeWrittenSaysWhyAndWhere() {
        Path data = work.resolve("data");
        AccessDeniedException denied =
                new AccessDeniedException(data.resolve("gleaner.lock").toString());
        assertThat(StartFailure.of(new UncheckedIOException(denied), data, "127.0.0.1", 0)
                        .sentence())
                .isEqualTo("cannot use the data directory " + data + ": permission denied on "
                        + data.resolve("gleaner.lock") + " (it must be writable by this user); choose another"
                        + " directory with --data");

        FileSystemException readOnly = new FileSystemException(data.toString(), null, "Read-only file system");
        assertThat(StartFailure.of(new UncheckedIOException(readOnly), data, "127.0.0.1", 0)
                        .sentence())
                .contains("it is on a read-only file system");
    }

    @Test
    void theDataDirectoryIsNamedAbsoluteAndNormalized() {
        Path relative = Path.of("./some/../gleaner-data");
        FileSystemException denied = new AccessDeniedException(relative.toString());

        assertThat(StartFailure.of(new UncheckedIOException(denied), relative, "127.0.0.1", 0)
                        .sentence())
                .startsWith("cannot use the data directory "
                        + Path.of("gleaner-data").toAbsolutePath().normalize() + ": ");
    }

    @Test
    void anythingElseIsItsMessageWithAPointerToVerbose() {
        assertThat(StartFailure.of(new IllegalStateException("the model file is damaged"), work, "127.0.0.1", 0)
                        .sentence())
                .isEqualTo("the server could not start: the model file is damaged (run with --verbose for the"
                        + " details)");
    }

    private static RuntimeException wrapped(Exception cause) {
        return new RuntimeException("Port already in use. Make sure no other process is using port 8080", cause);
    }
}
