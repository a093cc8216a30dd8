package dev.gleaner.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds what must stay private: the database (hashed developer keys, the webhook signing secret,
 * every stored document and its text), the search index. On a POSIX file system it is kept readable by its owner only,
 * whatever the process's umask: the directory and every directory in it 0700, every file 0600. Permissions are set
 * explicitly when it is created and checked on every start; anything found more open is restricted, with a log line.
 * Symbolic links are neither followed nor changed. On other file systems nothing is changed.
 */
final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {}

    /** Creates {@code dir} if needed and restricts it and everything in it to the owner; returns how many it fixed. */
    static int secure(Path dir) {
        try {
            boolean existed = Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
            Files.createDirectories(dir);
            if (!isPosix(dir)) {
                return 0;
            }
            if (!existed) {
                Files.setPosixFilePermissions(dir, DIRECTORY);
            }
            Restrictor restrictor = new Restrictor(true);
            Files.walkFileTree(dir, restrictor);
            return restrictor.fixed;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create the data directory " + dir + " or restrict it to its owner (check its ownership)",
                    e);
        }
    }

    /** As {@link #secure}, quietly, for files the process has just written (e.g. a new index segment). */
    static void tighten(Path dir) {
        try {
            if (Files.isDirectory(dir) && isPosix(dir)) {
                Files.walkFileTree(dir, new Restrictor(false));
            }
        } catch (IOException e) {
            LOG.warn("Could not restrict the permissions of {}: {}", dir, e.getMessage());
        }
    }

    /** Creates the empty file {@code file} readable by its owner only, unless it exists (a new SQLite database). */
    static void createPrivateFile(Path file) {
        try {
            if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(file);
                if (isPosix(file)) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    private static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) != null;
    }

    private static final class Restrictor extends SimpleFileVisitor<Path> {
        private final boolean report;
        private int fixed;

        Restrictor(boolean report) {
            this.report = report;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
            restrict(dir, DIRECTORY);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            if (attributes.isRegularFile()) {
                restrict(file, FILE);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            // A file removed meanwhile (the index deletes old segments at any time): nothing left to protect.
            return FileVisitResult.CONTINUE;
        }

        private void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
            Set<PosixFilePermission> actual;
            try {
                actual = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                if (actual.equals(wanted)) {
                    return;
                }
                Files.setPosixFilePermissions(path, wanted);
            } catch (java.nio.file.NoSuchFileException gone) {
                return;
            }
            fixed++;
            if (report) {
                LOG.info(
                        "Restricted {} to its owner ({} was {})",
                        path,
                        PosixFilePermissions.toString(wanted),
                        PosixFilePermissions.toString(actual));
            }
        }
    }
}
