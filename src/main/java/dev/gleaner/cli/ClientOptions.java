package dev.gleaner.cli;

import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ClientException;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Which server a client command talks to, and with which developer key. The key is never printed. */
final class ClientOptions {
    @Spec(Spec.Target.MIXEE)
    @SuppressWarnings("NullAway.Init")
    CommandSpec mixee;

    @Option(
            names = "--server",
            defaultValue = "${env:GLEANER_SERVER:-http://localhost:8080}",
            description = "Base URL of the Gleaner server (env GLEANER_SERVER, default http://localhost:8080).")
    @SuppressWarnings("NullAway.Init")
    String server;

    @Option(
            names = "--key",
            defaultValue = "${env:GLEANER_KEY}",
            description = "Developer key (env GLEANER_KEY; prefer the variable: flags show in process listings).")
    @Nullable
    String key;

    ApiClient open() {
        if (key == null || key.isBlank()) {
            throw new ClientException(
                    ClientException.Kind.INPUT,
                    "no developer key: set GLEANER_KEY or pass --key (`"
                            + mixee.root().name() + " keys create` makes one)");
        }
        URI uri;
        try {
            uri = new URI(server);
        } catch (URISyntaxException e) {
            throw new ClientException(ClientException.Kind.INPUT, "--server is not a URL: " + server, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ClientException(ClientException.Kind.INPUT, "--server must be an http(s) URL: " + server);
        }
        return new ApiClient(uri, key.strip());
    }
}
