package dev.gleaner.config;

/**
 * Where the API listens and what the process may connect to ({@link ServerSetting}).
 *
 * @param host the address the API listens on
 * @param port the API's port; 0 for any free one
 * @param allowPrivateNetwork whether the crawler and the webhook sender may connect to addresses that are not
 *     globally reachable (loopback, private, …)
 */
public record ServerConfig(String host, int port, boolean allowPrivateNetwork) {

    /** The table's defaults. */
    public static ServerConfig defaults() {
        return new ServerConfig(
                ServerSetting.HOST.required(),
                ServerSetting.PORT.defaultInt(),
                ServerSetting.ALLOW_PRIVATE_NETWORK.defaultBoolean());
    }

    void check(Problems problems) {
        problems.require(!host.isBlank(), "--host must not be blank");
        problems.inRange(ServerSetting.PORT, port);
    }
}
