package dev.gleaner.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.jobs.CrawlHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code headers} of a crawl request: an object of header name → value sent to the crawl's own site (see
 * {@link dev.gleaner.crawl.SiteHeaders}). Every problem is reported, each naming the header but never its value:
 *
 * <ul>
 *   <li>a name is an HTTP token (RFC 9110), given once (names are case-insensitive), and not one the crawler sets
 *       itself ({@link #OWNED}): the framing and connection headers the HTTP client manages, {@code Accept} and
 *       {@code Accept-Encoding} (the fetcher decodes what it asked for), the conditional and range headers (the
 *       crawler needs whole, fresh bodies), {@code User-Agent} (robots.txt rules are matched against the crawler's own
 *       name, so the crawler does not pass as another), and proxy and hop-by-hop headers;
 *   <li>a value is a string of visible ASCII, spaces and tabs: no line break, NUL or other control character;
 *   <li>at most {@link Limits#maxHeaders()} headers, names and values together at most {@link Limits#maxTotalBytes()}
 *       bytes.
 * </ul>
 */
final class CrawlHeadersValidator {
    /** The limits on a crawl's headers. */
    record Limits(int maxHeaders, int maxTotalBytes) {
        /** 20 headers, 8 KiB in all: what servers commonly accept in a request's headers, with room for ours. */
        static final Limits DEFAULTS = new Limits(20, 8 * 1024);
    }

    /** Headers the crawler sets itself or the HTTP client manages (lower case). */
    static final Set<String> OWNED = Set.of(
            "host",
            "content-length",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "upgrade",
            "te",
            "trailer",
            "expect",
            "proxy-authorization",
            "proxy-connection",
            "accept",
            "accept-encoding",
            "user-agent",
            "if-none-match",
            "if-modified-since",
            "if-match",
            "if-unmodified-since",
            "if-range",
            "range");

    private static final Pattern NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final Pattern VALUE = Pattern.compile("[\\t\\x20-\\x7E]*");

    private final Limits limits;

    CrawlHeadersValidator(Limits limits) {
        this.limits = limits;
    }

    /** The request's headers ({@link CrawlHeaders#NONE} when absent); problems are added to {@code fields}. */
    CrawlHeaders validate(JsonFields fields) {
        if (!fields.has("headers")) {
            return CrawlHeaders.NONE;
        }
        JsonFields headers = fields.object("headers");
        if (headers == null) {
            return CrawlHeaders.NONE;
        }
        if (headers.size() > limits.maxHeaders()) {
            fields.problem("headers", "must have at most " + limits.maxHeaders() + " entries, has " + headers.size());
        }
        Map<String, String> valid = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        long total = 0;
        var entries = headers.entries();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> header = entries.next();
            String name = header.getKey();
            JsonNode value = header.getValue();
            String problem = problem(name, value, names);
            if (problem != null) {
                headers.problem(name, problem);
                continue;
            }
            total += name.getBytes(StandardCharsets.UTF_8).length
                    + value.textValue().length();
            valid.put(name, value.textValue());
        }
        if (total > limits.maxTotalBytes()) {
            fields.problem("headers", "must be at most " + limits.maxTotalBytes() + " bytes in all (names and values)");
        }
        return new CrawlHeaders(valid);
    }

    private static @org.jspecify.annotations.Nullable String problem(String name, JsonNode value, Set<String> names) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            return "is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)";
        }
        if (OWNED.contains(lower)) {
            return "is set by the crawler and cannot be given";
        }
        if (!names.add(lower)) {
            return "is given twice (header names are case-insensitive)";
        }
        if (!value.isTextual()) {
            return "must be a string";
        }
        if (!VALUE.matcher(value.textValue()).matches()) {
            return "must be printable ASCII without line breaks, NUL or other control characters";
        }
        return null;
    }
}
