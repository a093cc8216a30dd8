package dev.gleaner.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.secrets.SecretBox;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The columns kept as JSON text: a job's {@link CrawlSpec} and a chunk's heading path. Unknown fields are ignored when
 * reading, so a spec written by a newer version still loads. A spec's headers are sealed with the database's secrets
 * key ({@link SealedHeaders}).
 */
final class JsonColumns {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final @Nullable SecretBox secrets;
    private final ObjectMapper mapper;

    /** @param secrets seals and opens a spec's headers; null: none can be stored, stored ones read as unreadable */
    JsonColumns(@Nullable SecretBox secrets) {
        this.secrets = secrets;
        this.mapper = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .registerModule(SealedHeaders.module(secrets));
    }

    /**
     * The spec as stored, its headers sealed.
     *
     * @throws StoreException when it has headers and there is no key, or headers that could not be decrypted
     */
    String spec(CrawlSpec spec) {
        String unstorable = SealedHeaders.unstorable(spec.headers(), secrets);
        if (unstorable != null) {
            throw new StoreException(unstorable);
        }
        return write(spec);
    }

    CrawlSpec spec(String json) {
        try {
            return mapper.readValue(json, CrawlSpec.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored crawl spec is not readable", e);
        }
    }

    /** A list of strings (a source's batch URLs). */
    String strings(List<String> strings) {
        return write(strings);
    }

    List<String> strings(String json) {
        try {
            return mapper.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored list is not readable", e);
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
