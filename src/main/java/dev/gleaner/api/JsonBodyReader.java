package dev.gleaner.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.ErrorCode;
import dev.gleaner.MediaType;
import dev.gleaner.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JSON request body as a tree, refusing what is not one: a body over the size limit is a 413 (checked against
 * the declared length first, then while reading, so a chunked body cannot exceed it either); an empty body is a 400; a
 * body whose Content-Type is not {@code application/json} is a 415; malformed JSON is a 400 giving the parser's line and
 * column but nothing of its internals.
 */
final class JsonBodyReader {
    private final ObjectMapper mapper;
    private final long maxBytes;

    JsonBodyReader(ObjectMapper mapper, long maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    /**
     * @param declaredLength the request's Content-Length, or -1 when it has none
     */
    JsonNode read(@Nullable String contentType, long declaredLength, InputStream body) {
        if (declaredLength > maxBytes) {
            throw tooLarge();
        }
        byte[] bytes = readAtMost(body);
        if (bytes.length == 0) {
            throw ServiceException.badRequest(
                    "A JSON object body is required", Map.of("body", "is required (a JSON object)"));
        }
        if (!isJson(contentType)) {
            throw new ServiceException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be sent as application/json",
                    Map.of("Content-Type", "must be application/json"));
        }
        try {
            return mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ServiceException.badRequest(
                    "The request body is not valid JSON", Map.of("body", "malformed JSON" + where));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] readAtMost(InputStream body) {
        try {
            byte[] bytes = body.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            // The client went away or sent a broken chunk: nothing the service did wrong.
            throw ServiceException.badRequest(
                    "The request body could not be read", Map.of("body", "could not be read to its end"));
        }
    }

    private ServiceException tooLarge() {
        return new ServiceException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes",
                Map.of("body", "must be at most " + maxBytes + " bytes"));
    }

    static boolean isJson(@Nullable String contentType) {
        return MediaType.parse(contentType).is("application/json");
    }
}
