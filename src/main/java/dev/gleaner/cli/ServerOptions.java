package dev.gleaner.cli;

import dev.gleaner.config.Role;
import dev.gleaner.config.ServerConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** Where {@code serve} listens, what it may connect to and what it runs. Defaults: {@link SettingDefaults}. */
final class ServerOptions {
    @Option(names = "--host", description = "Address to listen on.")
    @SuppressWarnings("NullAway.Init")
    String host;

    @Option(names = "--port", description = "Port to listen on (0: any free).")
    int port;

    @Option(
            names = "--allow-private-network",
            description = "Let the crawler fetch loopback and private addresses (tests and local demos only).")
    boolean allowPrivateNetwork;

    // Read as text, so that an unknown role is listed with the configuration's other problems, not as picocli's error.
    @Option(names = "--role", description = "What this process runs: all (default), api or worker.")
    @SuppressWarnings("NullAway.Init")
    String role;

    /** The configuration; an unknown role stands as {@link Role#ALL} here and is one of {@link #unreadable()}. */
    ServerConfig config() {
        return new ServerConfig(
                host, port, allowPrivateNetwork, Role.parse(role).orElse(Role.ALL));
    }

    /** The problems of values that could not be read into the configuration: an unknown role. */
    List<String> unreadable() {
        return Role.parse(role).isPresent() ? List.of() : List.of(ServerConfig.unknownRole(role));
    }
}
