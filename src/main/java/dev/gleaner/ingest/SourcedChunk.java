package dev.gleaner.ingest;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** A chunk with the source fields of its dataset, as a query result needs them. */
public record SourcedChunk(Chunk chunk, @Nullable String sourceUrl, @Nullable String title) {

    /**
     * The address of the chunk's place in its source: {@code sourceUrl} with the chunk's anchor as its fragment
     * (replacing any fragment it had), or {@code sourceUrl} as it is when the chunk has no anchor; null without a
     * source URL.
     */
    public @Nullable String sectionUrl() {
        String anchor = chunk.anchor();
        if (sourceUrl == null || anchor == null || anchor.isEmpty()) {
            return sourceUrl;
        }
        int fragment = sourceUrl.indexOf('#');
        String base = fragment < 0 ? sourceUrl : sourceUrl.substring(0, fragment);
        return base + "#" + encodeFragment(anchor);
    }

    /**
     * Percent-encodes (UTF-8) every character a URI fragment may not hold as it is (RFC 3986: unreserved, sub-delims,
     * {@code : @ / ?} stay). Browsers match the decoded fragment against element ids, so any id round-trips.
     */
    static String encodeFragment(String id) {
        StringBuilder encoded = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isFragmentChar(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static boolean isFragmentChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }
}
