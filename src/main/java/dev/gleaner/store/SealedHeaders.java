package dev.gleaner.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.gleaner.jobs.CrawlHeaders;
import dev.gleaner.secrets.SecretBox;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a crawl's headers are kept in a JSON column: {@code {"values": {name: sealed value}}}, each value sealed by the
 * {@link SecretBox} under its header's name, so the column never holds a value in clear. Reading never fails on a
 * value this process cannot open: the headers read back {@link CrawlHeaders#unreadable} with the reason, which the
 * job's pages then fail with.
 */
final class SealedHeaders {
    /** The reason of headers sealed with another key than this process's. */
    static final String OTHER_KEY = "The crawl's headers cannot be decrypted: this process's --secrets-key is not the"
            + " one the job's headers were stored with; give every process the same key";

    private SealedHeaders() {}

    /** The (de)serializers of {@link CrawlHeaders}, with {@code secrets} (null: this process has no key). */
    static SimpleModule module(@Nullable SecretBox secrets) {
        SimpleModule module = new SimpleModule("sealed-headers");
        module.addSerializer(CrawlHeaders.class, new Writer(secrets));
        module.addDeserializer(CrawlHeaders.class, new Reader(secrets));
        return module;
    }

    /** Why {@code headers} cannot be stored by a process with {@code secrets}, or null when they can. */
    static @Nullable String unstorable(CrawlHeaders headers, @Nullable SecretBox secrets) {
        if (headers.unreadable() != null) {
            return "Headers that could not be decrypted cannot be stored again";
        }
        if (!headers.values().isEmpty() && secrets == null) {
            return "A crawl's headers cannot be stored without a secrets key";
        }
        return null;
    }

    private static String context(String name) {
        return "crawl header " + name.toLowerCase(Locale.ROOT);
    }

    private static final class Writer extends JsonSerializer<CrawlHeaders> {
        private final @Nullable SecretBox secrets;

        Writer(@Nullable SecretBox secrets) {
            this.secrets = secrets;
        }

        @Override
        public void serialize(CrawlHeaders headers, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            out.writeObjectFieldStart("values");
            for (Map.Entry<String, String> header : headers.values().entrySet()) {
                SecretBox box = secrets;
                if (box == null) {
                    throw new IllegalStateException("A crawl's headers cannot be stored without a secrets key");
                }
                out.writeStringField(header.getKey(), box.seal(header.getValue(), context(header.getKey())));
            }
            out.writeEndObject();
            out.writeEndObject();
        }
    }

    private static final class Reader extends JsonDeserializer<CrawlHeaders> {
        private final @Nullable SecretBox secrets;

        Reader(@Nullable SecretBox secrets) {
            this.secrets = secrets;
        }

        @Override
        public CrawlHeaders deserialize(JsonParser in, DeserializationContext context) throws IOException {
            JsonNode values = in.readValueAsTree() instanceof JsonNode node ? node.path("values") : null;
            if (values == null || !values.isObject() || values.isEmpty()) {
                return CrawlHeaders.NONE;
            }
            SecretBox box = secrets;
            if (box == null) {
                return CrawlHeaders.unreadable(
                        "The crawl's headers cannot be decrypted: this process was opened without a secrets key");
            }
            Map<String, String> opened = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                switch (box.open(header.getValue().asText(""), context(header.getKey()))) {
                    case SecretBox.Opened.Value value -> opened.put(header.getKey(), value.text());
                    case SecretBox.Opened.OtherKey other -> {
                        return CrawlHeaders.unreadable(OTHER_KEY + " (stored with key " + other.keyId()
                                + ", this process has key " + box.keyId() + ")");
                    }
                    case SecretBox.Opened.Damaged damaged -> {
                        return CrawlHeaders.unreadable("The crawl's headers cannot be decrypted: the stored value of "
                                + header.getKey() + " is damaged; start the crawl again with its headers");
                    }
                }
            }
            return new CrawlHeaders(opened);
        }
    }
}
