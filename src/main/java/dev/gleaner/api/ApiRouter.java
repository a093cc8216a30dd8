package dev.gleaner.api;

import dev.gleaner.ServiceException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Registers routes, so that every {@code /v1} handler authenticates first (which also applies the failed-authentication
 * throttle and the key's request rate, see {@link Authentication}) and every handler records its route template (for
 * the metrics' {@code route} label, which must stay a bounded set).
 */
final class ApiRouter {
    static final String UNMATCHED = "unmatched";
    private static final String ROUTE_ATTRIBUTE = "gleaner.route";
    private static final String AUTHORIZATION = "Authorization";

    private final Javalin app;
    private final Authentication authentication;

    ApiRouter(Javalin app, Authentication authentication) {
        this.app = app;
        this.authentication = authentication;
    }

    void get(String path, OwnerHandler handler) {
        app.get(path, authenticated(path, handler));
    }

    void post(String path, OwnerHandler handler) {
        app.post(path, authenticated(path, handler));
    }

    void patch(String path, OwnerHandler handler) {
        app.patch(path, authenticated(path, handler));
    }

    void delete(String path, OwnerHandler handler) {
        app.delete(path, authenticated(path, handler));
    }

    /** A GET route whose caller is authenticated by {@code owner} rather than by the developer key header. */
    void getAuthenticatedBy(String path, OwnerResolver owner, OwnerHandler handler) {
        app.get(path, ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, path);
            authorizationOf(ctx);
            handler.handle(ctx, owner.ownerOf(ctx));
        });
    }

    /** Finds the owner a request acts for, or throws a 401 {@link dev.gleaner.ServiceException}. */
    @FunctionalInterface
    interface OwnerResolver {
        String ownerOf(Context ctx);
    }

    /** A route that needs no developer key. */
    void publicGet(String path, Handler handler) {
        app.get(path, ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, path);
            handler.handle(ctx);
        });
    }

    /** The route template the request matched, or {@link #UNMATCHED}. */
    static String routeOf(Context ctx) {
        @Nullable String route = ctx.attribute(ROUTE_ATTRIBUTE);
        return route != null ? route : UNMATCHED;
    }

    /**
     * The request's Authorization header, or null. Sent twice it is a 400: which credentials the caller meant is not the
     * server's to guess (a proxy adding its own header in front of the client's is the usual cause).
     */
    static @Nullable String authorizationOf(Context ctx) {
        List<String> values = Collections.list(ctx.req().getHeaders(AUTHORIZATION));
        if (values.size() > 1) {
            throw ServiceException.badRequest(
                    "The Authorization header was sent " + values.size() + " times",
                    Map.of(AUTHORIZATION, "must be sent once"));
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private Handler authenticated(String path, OwnerHandler handler) {
        return ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, path);
            authorizationOf(ctx);
            handler.handle(ctx, authentication.authenticate(ctx).ownerId());
        };
    }
}
