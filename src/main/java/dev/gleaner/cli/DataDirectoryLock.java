package dev.gleaner.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The claim of one serving process on a data directory: an operating-system lock on {@code gleaner.lock} in it, held
 * while the process serves and released when it closes or dies. The file holds the holder's process id, so a second
 * start on the same directory can say which process holds it. Opening it is also the first write into the directory,
 * so a directory that cannot be written is found here.
 */
final class DataDirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "gleaner.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir} (an existing directory); a {@link StartException} naming the directory and the
     * holder when another process, or another start in this one, holds it.
     */
    static DataDirectoryLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        DataDirectory.createPrivateFile(file);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw locked(dir, file);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new DataDirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StartException(
                    new StartFailure.DataDirectoryLocked(
                            dir, ProcessHandle.current().pid()),
                    e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        } catch (StartException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static StartException locked(Path dir, Path file) {
        return new StartException(
                new StartFailure.DataDirectoryLocked(dir.toAbsolutePath().normalize(), holder(file)));
    }

    /** The process id the holder wrote, if it can be read. */
    private static @Nullable Long holder(Path file) {
        try {
            return Long.valueOf(
                    Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was locked through it.
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of the data directory", e);
        }
    }
}
