package dev.gleaner.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.secrets.SecretBox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The columns kept as JSON text: a job's {@link CrawlSpec} and a chunk's heading path. Unknown fields are ignored when
 * reading, so a spec written by a newer version still loads. A spec's headers are sealed with the database's secrets
 * key ({@link SealedHeaders}).
 */
final class JsonColumns {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    /** The most specs kept parsed: those of the jobs running at once, with room to spare. */
    private static final int PARSED_SPECS = 256;

    private final @Nullable SecretBox secrets;
    private final ObjectMapper mapper;
    // A job's spec is read with its row on every page it completes; parsing it (and opening its sealed headers) each
    // time was a visible share of a re-sync's CPU. Specs are immutable, so equal text can share one parsed value.
    private final Map<String, CrawlSpec> parsedSpecs = new LinkedHashMap<>(PARSED_SPECS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CrawlSpec> eldest) {
            return size() > PARSED_SPECS;
        }
    };

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
        synchronized (parsedSpecs) {
            CrawlSpec parsed = parsedSpecs.get(json);
            if (parsed != null) {
                return parsed;
            }
        }
        CrawlSpec parsed = parse(json);
        synchronized (parsedSpecs) {
            parsedSpecs.put(json, parsed);
        }
        return parsed;
    }

    private CrawlSpec parse(String json) {
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
