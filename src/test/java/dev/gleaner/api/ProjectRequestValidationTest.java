package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.ServiceException;
import dev.gleaner.testapp.DefaultSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectRequestValidationTest {
    private static final ObjectMapper MAPPER = ApiJson.mapper();
    private final ProjectRequestValidator validator = new ProjectRequestValidator(DefaultSettings.apiLimits());

    private Map<String, String> problems(String body) throws Exception {
        var json = MAPPER.readTree(body);
        try {
            validator.validateCreate(json);
        } catch (ServiceException e) {
            return e.details();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void aNameIsTrimmedAndKept() throws Exception {
        assertThat(validator.validateCreate(MAPPER.readTree("{\"name\": \" My docs \"}")))
                .isEqualTo("My docs");
    }

    @Test
    void everyProblemIsListed() throws Exception {
        assertThat(problems("{\"name\": 3, \"owner\": \"me\"}"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("name", "must be a string", "owner", "is not a known field"));
        assertThat(problems("{\"name\": \"\"}")).containsExactly(Map.entry("name", "must not be empty"));
        assertThat(problems("{}")).containsExactly(Map.entry("name", "is required"));
        assertThat(problems("[]")).containsExactly(Map.entry("body", "must be a JSON object"));
    }

    @Test
    void nameLengthBoundary() throws Exception {
        assertThat(validator.validateCreate(MAPPER.createObjectNode().put("name", "p".repeat(200))))
                .hasSize(200);
        assertThatThrownBy(
                        () -> validator.validateCreate(MAPPER.createObjectNode().put("name", "p".repeat(201))))
                .isInstanceOf(ServiceException.class);
    }
}
