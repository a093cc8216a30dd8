package dev.gleaner.api;

import dev.gleaner.ServiceException;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.api.schema.WebhookSecret;
import dev.gleaner.webhooks.WebhookSecrets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v1/webhooks/secret} (the caller's signing secret, shown once) and {@code POST /v1/webhooks/secret/rotate}
 * (a new one, shown in the answer; {@code ?overlapSeconds=} keeps the old one signing meanwhile, default a day).
 */
final class WebhookSecretRoutes {
    static final String SECRET = "/v1/webhooks/secret";
    static final String ROTATE = SECRET + "/rotate";

    private final WebhookSecrets secrets;
    private final RequestIo io;

    WebhookSecretRoutes(WebhookSecrets secrets, RequestIo io) {
        this.secrets = secrets;
        this.io = io;
    }

    void register(ApiRouter router) {
        router.get(SECRET, (ctx, owner) -> io.ok(ctx, render(secrets.read(owner))));
        router.post(ROTATE, (ctx, owner) -> {
            Duration overlap = overlap(ctx.queryParam("overlapSeconds"));
            io.ok(ctx, render(secrets.rotate(owner, overlap)));
        });
    }

    private static Duration overlap(@Nullable String given) {
        if (given == null) {
            return WebhookSecrets.DEFAULT_OVERLAP;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(given.strip()));
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest(
                    "The overlap is not a number of seconds",
                    Map.of("overlapSeconds", "must be a whole number of seconds"));
        }
    }

    private static WebhookSecret render(WebhookSecrets.View view) {
        return new WebhookSecret(
                view.secret(),
                SchemaMapping.timestamp(view.createdAt()),
                view.rotatedAt() == null ? null : SchemaMapping.timestamp(view.rotatedAt()),
                view.previousValidUntil() == null ? null : SchemaMapping.timestamp(view.previousValidUntil()),
                view.shownBefore());
    }
}
