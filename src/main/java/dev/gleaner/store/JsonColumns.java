package dev.gleaner.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.jobs.CrawlSpec;
import java.util.List;

/**
 * The columns kept as JSON text: a job's {@link CrawlSpec} and a chunk's heading path. Unknown fields are ignored when
 * reading, so a spec written by a newer version still loads.
 */
final class JsonColumns {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final ObjectMapper mapper =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    String spec(CrawlSpec spec) {
        return write(spec);
    }

    CrawlSpec spec(String json) {
        try {
            return mapper.readValue(json, CrawlSpec.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored crawl spec is not readable", e);
        }
    }

    String headingPath(List<String> headingPath) {
        return write(headingPath);
    }

    List<String> headingPath(String json) {
        try {
            return mapper.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored heading path is not readable", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot write a JSON column", e);
        }
    }
}
