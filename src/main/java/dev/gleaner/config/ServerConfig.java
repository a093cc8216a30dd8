package dev.gleaner.config;

/**
 * Where the API listens, what the process may connect to and what it runs ({@link ServerSetting}).
 *
 * @param host the address the API listens on
 * @param port the API's port; 0 for any free one
 * @param allowPrivateNetwork whether the crawler and the webhook sender may connect to addresses that are not
 *     globally reachable (loopback, private, …)
 * @param role what the process runs: the API, the workers or both
 */
public record ServerConfig(String host, int port, boolean allowPrivateNetwork, Role role) {

    /** Where the API listens and what the process may connect to, running everything ({@link Role#ALL}). */
    public ServerConfig(String host, int port, boolean allowPrivateNetwork) {
        this(host, port, allowPrivateNetwork, Role.ALL);
    }

    /** The table's defaults. */
    public static ServerConfig defaults() {
        return new ServerConfig(
                ServerSetting.HOST.required(),
                ServerSetting.PORT.defaultInt(),
                ServerSetting.ALLOW_PRIVATE_NETWORK.defaultBoolean(),
                Role.parse(ServerSetting.ROLE.required()).orElseThrow());
    }

    /** This configuration with another role. */
    public ServerConfig withRole(Role other) {
        return new ServerConfig(host, port, allowPrivateNetwork, other);
    }

    /**
     * The problem of a role the command line could not read, naming the flag, the value and the values allowed; listed
     * with the others by {@link InvalidConfigurationException#withFirst}.
     */
    public static String unknownRole(String given) {
        return ServerSetting.ROLE.option() + " must be one of " + Role.allShown() + ", was " + given;
    }

    void check(Problems problems) {
        problems.require(!host.isBlank(), "--host must not be blank");
        problems.inRange(ServerSetting.PORT, port);
    }
}
