package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyReaderTest {
    private static final int LIMIT = 64;
    private final JsonBodyReader reader = new JsonBodyReader(ApiJson.mapper(), LIMIT);

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private ServiceException refusal(String contentType, long declared, String body) {
        try {
            reader.read(contentType, declared, stream(body));
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void readsAJsonObject() {
        assertThat(reader.read("application/json; charset=UTF-8", 13, stream("{\"name\":\"x\"}"))
                        .path("name")
                        .asText())
                .isEqualTo("x");
        assertThat(reader.read("Application/JSON", -1, stream("{}")).isObject()).isTrue();
    }

    @Test
    void aBodyAtTheLimitIsReadAndOneByteMoreIsRefused() {
        String atLimit = "{\"n\":\"" + "x".repeat(LIMIT - 8) + "\"}";
        assertThat(atLimit).hasSize(LIMIT);
        assertThat(reader.read("application/json", LIMIT, stream(atLimit)).isObject())
                .isTrue();
        String over = "{\"n\":\"" + "x".repeat(LIMIT - 7) + "\"}";
        assertThat(refusal("application/json", -1, over).code())
                .as("counted while reading")
                .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(refusal("application/json", LIMIT + 1, "{}").code())
                .as("declared")
                .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIsRefusedWith415() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/jsonp", ""}) {
            ServiceException e = refusal(type, -1, "{}");
            assertThat(e.code()).as(type).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
            assertThat(e.details()).containsKey("Content-Type");
        }
        assertThatThrownBy(() -> reader.read(null, -1, stream("{}")))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
    }

    @Test
    void anEmptyBodyIsA400() {
        ServiceException e = refusal("application/json", 0, "");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.details()).containsKey("body");
    }

    @Test
    void malformedJsonGivesThePositionAndNoInternals() {
        ServiceException e = refusal("application/json", -1, "{\n  \"name\": \"x\",\n  }");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.details().get("body")).isEqualTo("malformed JSON at line 3, column 3");
        assertThat(e.getMessage()).doesNotContain("jackson", "Exception", "Source");
    }

    @Test
    void repeatedKeysAndTrailingContentAreMalformed() {
        assertThat(refusal("application/json", -1, "{\"a\":1,\"a\":2}")
                        .details()
                        .get("body"))
                .startsWith("malformed JSON");
        assertThat(refusal("application/json", -1, "{} {}").details().get("body"))
                .startsWith("malformed JSON");
    }
}
