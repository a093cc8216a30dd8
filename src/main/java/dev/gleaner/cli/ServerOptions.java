package dev.gleaner.cli;

import dev.gleaner.config.ServerConfig;
import picocli.CommandLine.Option;

/** Where {@code serve} listens and what it may connect to. Defaults: {@link SettingDefaults}. */
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

    ServerConfig config() {
        return new ServerConfig(host, port, allowPrivateNetwork);
    }
}
