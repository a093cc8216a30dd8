package dev.gleaner.api;

import io.javalin.http.Context;

/** A handler of an authenticated request; {@code ownerId} is the owner of the presented developer key. */
@FunctionalInterface
interface OwnerHandler {
    void handle(Context ctx, String ownerId) throws Exception;
}
