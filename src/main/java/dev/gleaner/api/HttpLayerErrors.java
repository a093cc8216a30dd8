package dev.gleaner.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's own error answers — a request Jetty refuses before any route sees it (URI or headers too large, a request line
 * or header that is not HTTP, an ambiguous path) and errors raised outside the routes — in the API's error shape, with
 * the status Jetty chose. The body comes from {@link ErrorMapper}, so every error the server sends has one shape.
 */
final class HttpLayerErrors extends ErrorHandler {
    private final ErrorMapper errors;

    HttpLayerErrors(ErrorMapper errors) {
        this.errors = errors;
        setShowStacks(false);
        setShowServlet(false);
    }

    /** A request that could not be parsed, answered before any handler runs. */
    @Override
    public ByteBuffer badMessageError(int status, @Nullable String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(errors.httpLayerBody(status, reason));
    }

    /** Every method gets a body, not only GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(
            Request baseRequest,
            HttpServletRequest request,
            HttpServletResponse response,
            int code,
            @Nullable String message)
            throws IOException {
        byte[] body = errors.httpLayerBody(code, message);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
