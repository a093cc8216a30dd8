package dev.gleaner.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One headless Chromium process and the DevTools connection to it. The browser gets a private profile directory
 * (deleted on close) and resolves no host name at all ({@code --host-resolver-rules}): every request a page makes is
 * paused and answered by the renderer (its own fetcher, behind the address guard), so a request that escaped the
 * interception could not reach any server either.
 */
final class ChromiumProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChromiumProcess.class);
    private static final String LISTENING = "DevTools listening on ";
    /** How long the browser may take to start and print its DevTools endpoint. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final CdpConnection connection;

    private ChromiumProcess(Process process, Path profile, CdpConnection connection) {
        this.process = process;
        this.profile = profile;
        this.connection = connection;
    }

    /**
     * Starts {@code executable} and connects to it.
     *
     * @throws CdpConnection.CdpException naming why the browser could not be started
     */
    static ChromiumProcess start(String executable, ObjectMapper json, int maxMessageChars)
            throws CdpConnection.CdpException {
        Path profile;
        try {
            profile = Files.createTempDirectory("gleaner-chromium-");
        } catch (IOException e) {
            throw new CdpConnection.CdpException("could not create its profile directory: " + e.getMessage());
        }
        Process process;
        try {
            process = new ProcessBuilder(arguments(executable, profile))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            deleteQuietly(profile);
            throw new CdpConnection.CdpException("it could not be run: " + e.getMessage());
        }
        try {
            URI endpoint = endpoint(process);
            return new ChromiumProcess(
                    process, profile, CdpConnection.open(endpoint, json, maxMessageChars, START_TIMEOUT));
        } catch (CdpConnection.CdpException e) {
            stop(process);
            deleteQuietly(profile);
            throw e;
        }
    }

    private static List<String> arguments(String executable, Path profile) {
        List<String> arguments = new ArrayList<>(List.of(
                executable,
                "--headless",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-sync",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-dev-shm-usage",
                // One renderer process per tab, with every frame inside it, so every request passes
                // Fetch.requestPaused.
                "--disable-features=IsolateOrigins,site-per-process,Translate,MediaRouter",
                "--mute-audio",
                "about:blank"));
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to start its sandbox as root (containers); it runs without it there.
            arguments.add(1, "--no-sandbox");
        }
        return arguments;
    }

    /** Reads the browser's stderr until it names its DevTools endpoint; drains the rest into the log. */
    private static URI endpoint(Process process) throws CdpConnection.CdpException {
        CompletableFuture<URI> found = new CompletableFuture<>();
        List<String> said = new ArrayList<>();
        Thread.ofVirtual().name("chromium-stderr").start(() -> {
            try (BufferedReader err =
                    new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    if (!found.isDone() && line.startsWith(LISTENING)) {
                        found.complete(
                                URI.create(line.substring(LISTENING.length()).trim()));
                    } else if (!found.isDone()) {
                        synchronized (said) {
                            said.add(line);
                        }
                    } else {
                        LOG.debug("chromium: {}", line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                found.completeExceptionally(e);
            }
            found.completeExceptionally(new IOException("it exited"));
        });
        try {
            return found.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String output;
            synchronized (said) {
                output = String.join(" / ", said.subList(Math.max(0, said.size() - 3), said.size()));
            }
            throw new CdpConnection.CdpException("it did not start within " + START_TIMEOUT.toSeconds() + " s ("
                    + (e instanceof TimeoutException ? "no DevTools endpoint" : String.valueOf(e.getCause()))
                    + (output.isBlank() ? "" : "; it said: " + output) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdpConnection.CdpException("interrupted while it started");
        }
    }

    CdpConnection connection() {
        return connection;
    }

    /** Whether the browser still runs and its connection is open. */
    boolean alive() {
        return process.isAlive() && connection.isOpen();
    }

    @Override
    public void close() {
        connection.close();
        stop(process);
        deleteQuietly(profile);
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not delete the browser profile {}: {}", directory, e.toString());
        }
    }
}
