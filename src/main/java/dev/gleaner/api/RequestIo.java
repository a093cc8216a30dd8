package dev.gleaner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Reads JSON request bodies and writes JSON replies, with the API's one mapper and body limit. */
final class RequestIo {
    private final ObjectMapper mapper;
    private final JsonBodyReader bodies;

    RequestIo(ObjectMapper mapper, ApiLimits limits) {
        this.mapper = mapper;
        this.bodies = new JsonBodyReader(mapper, limits.maxBodyBytes());
    }

    JsonNode body(Context ctx) {
        return bodies.read(ctx.header("Content-Type"), ctx.req().getContentLengthLong(), ctx.bodyInputStream());
    }

    void reply(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(mapper.writeValueAsBytes(body));
    }

    void ok(Context ctx, Object body) throws JsonProcessingException {
        reply(ctx, 200, body);
    }
}
