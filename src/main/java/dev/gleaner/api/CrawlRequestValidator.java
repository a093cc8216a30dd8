package dev.gleaner.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.jobs.CrawlHeaders;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.RenderMode;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.jobs.WebhookTarget;
import dev.gleaner.webhooks.WebhookDispatcher;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@code POST …/crawl} body into a {@link CrawlRequest}, or a 400 listing every problem. When {@code mode} is
 * absent it is {@code batch} if {@code urls} is present, else {@code crawl}.
 */
final class CrawlRequestValidator {
    static final Set<String> FIELDS = Set.of(
            "mode",
            "url",
            "urls",
            "limit",
            "maxDepth",
            "includePaths",
            "excludePaths",
            "allowSubdomains",
            "crawlEntireDomain",
            "sitemap",
            "ignoreQueryParameters",
            "webhook",
            "headers",
            "render");
    static final Set<String> WEBHOOK_FIELDS = Set.of("url", "headers", "events");
    static final Set<String> WEBHOOK_EVENTS = Set.copyOf(WebhookTarget.EVENTS);
    private static final int MAX_HEADER_LENGTH = 1_000;
    /** A header name: an RFC 9110 token. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** A header value: visible ASCII, spaces and tabs (no line breaks or other control characters). */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7E]*");
    /** Headers the HTTP client manages (or refuses); a webhook may not set them. */
    private static final Set<String> FORBIDDEN_HEADERS = Set.of(
            "host",
            "content-length",
            "connection",
            "expect",
            "upgrade",
            "transfer-encoding",
            "te",
            "trailer",
            "keep-alive",
            "proxy-authorization",
            "proxy-connection");

    private final ApiLimits limits;
    private final AddressGuard guard;
    private final CrawlHeadersValidator headers = new CrawlHeadersValidator(CrawlHeadersValidator.Limits.DEFAULTS);

    /** @param guard refuses targets whose address is known without a lookup (IP literals, localhost) at once */
    CrawlRequestValidator(ApiLimits limits, AddressGuard guard) {
        this.limits = limits;
        this.guard = guard;
    }

    CrawlRequest validate(JsonNode body) {
        Problems problems = new Problems();
        CrawlRequest request = read(JsonFields.ofBody(body, problems));
        problems.throwIfAny();
        return request;
    }

    /**
     * Reads a request from {@code fields} (a body, or an object nested in one), recording every problem with the
     * fields' problems; the request returned is meaningful only when none was recorded.
     */
    CrawlRequest read(JsonFields fields) {
        fields.rejectUnknown(FIELDS);
        JobMode mode = mode(fields);
        String url = seed(fields, mode);
        List<String> urls = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        batchUrls(fields, mode, urls, refused);
        Integer limit = fields.integer("limit", false, 1, limits.maxCrawlLimit());
        Integer maxDepth = fields.integer("maxDepth", false, 0, limits.maxCrawlDepth());
        List<String> include = regexes(fields, "includePaths");
        List<String> exclude = regexes(fields, "excludePaths");
        Boolean allowSubdomains = fields.bool("allowSubdomains");
        Boolean crawlEntireDomain = fields.bool("crawlEntireDomain");
        Boolean ignoreQuery = fields.bool("ignoreQueryParameters");
        SitemapPolicy sitemap = sitemap(fields);
        WebhookTarget webhook = webhook(fields);
        CrawlHeaders siteHeaders = headers.validate(fields);
        RenderMode render = render(fields);
        CrawlSpec spec = new CrawlSpec(
                mode,
                url,
                Objects.requireNonNullElse(limit, CrawlSpec.DEFAULT_LIMIT),
                Objects.requireNonNullElse(maxDepth, CrawlSpec.DEFAULT_MAX_DEPTH),
                include,
                exclude,
                Boolean.TRUE.equals(allowSubdomains),
                Boolean.TRUE.equals(crawlEntireDomain),
                sitemap,
                Boolean.TRUE.equals(ignoreQuery),
                webhook,
                null,
                siteHeaders,
                render);
        return new CrawlRequest(spec, urls, refused);
    }

    private static JobMode mode(JsonFields fields) {
        JobMode fallback = fields.has("urls") ? JobMode.BATCH : JobMode.CRAWL;
        String word = fields.text("mode", false, 20);
        if (word == null) {
            return fallback;
        }
        JobMode mode = JobMode.parse(word).orElse(null);
        if (mode == null) {
            fields.problem("mode", "must be one of: crawl, sitemap, batch");
            return fallback;
        }
        return mode;
    }

    private @Nullable String seed(JsonFields fields, JobMode mode) {
        if (mode == JobMode.BATCH) {
            if (fields.has("url")) {
                fields.problem("url", "is not used in batch mode: put the URLs in urls");
            }
            return null;
        }
        String url = fields.text("url", true, limits.maxUrlLength());
        if (url != null && !isAbsoluteHttpUrl(url)) {
            fields.problem("url", "must be an absolute http(s) URL");
            return null;
        }
        if (url != null) {
            blockedTarget(url).ifPresent(reason -> fields.problem("url", reason));
        }
        return url;
    }

    private void batchUrls(JsonFields fields, JobMode mode, List<String> urls, List<String> refused) {
        if (mode != JobMode.BATCH) {
            if (fields.has("urls")) {
                fields.problem("urls", "is only used in batch mode");
            }
            return;
        }
        List<String> given = fields.strings("urls", true, 1, limits.maxBatchUrls());
        if (given == null) {
            return;
        }
        for (int i = 0; i < given.size(); i++) {
            String url = given.get(i);
            Optional<String> blocked = blockedTarget(url);
            if (blocked.isPresent()) {
                fields.problem("urls[" + i + "]", blocked.get());
            }
            (url.length() > limits.maxUrlLength() ? refused : urls).add(url);
        }
    }

    private List<String> regexes(JsonFields fields, String field) {
        List<String> given = fields.strings(field, false, 0, limits.maxRegexCount());
        if (given == null) {
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            String regex = given.get(i);
            String entry = field + "[" + i + "]";
            if (regex.length() > limits.maxRegexLength()) {
                fields.problem(entry, "must be at most " + limits.maxRegexLength() + " characters");
                continue;
            }
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                fields.problem(entry, "is not a valid regular expression: " + e.getDescription());
            }
        }
        return given;
    }

    private static SitemapPolicy sitemap(JsonFields fields) {
        String word = fields.text("sitemap", false, 20);
        if (word == null) {
            return SitemapPolicy.INCLUDE;
        }
        return SitemapPolicy.parse(word).orElseGet(() -> {
            fields.problem("sitemap", "must be one of: include, skip, only");
            return SitemapPolicy.INCLUDE;
        });
    }

    private static RenderMode render(JsonFields fields) {
        String word = fields.text("render", false, 20);
        if (word == null) {
            return RenderMode.AUTO;
        }
        return RenderMode.parse(word).orElseGet(() -> {
            fields.problem("render", "must be one of: auto, always, never");
            return RenderMode.AUTO;
        });
    }

    /**
     * The webhook, or null when none was asked for: an absolute http(s) URL without credentials, at most
     * {@code maxWebhookHeaders} headers with token names that are not the service's own (nor hop-by-hop ones) and
     * values without control characters, and events a subset of the five names without repeats (default: all).
     */
    private @Nullable WebhookTarget webhook(JsonFields fields) {
        if (!fields.has("webhook")) {
            return null;
        }
        JsonFields webhook = fields.object("webhook");
        if (webhook == null) {
            return null;
        }
        webhook.rejectUnknown(WEBHOOK_FIELDS);
        String url = webhook.text("url", true, limits.maxUrlLength());
        if (url != null && !isAbsoluteHttpUrl(url)) {
            webhook.problem("url", "must be an absolute http(s) URL without credentials");
        } else if (url != null) {
            blockedTarget(url).ifPresent(reason -> webhook.problem("url", reason));
        }
        Map<String, String> headers = webhookHeaders(webhook);
        List<String> events = webhookEvents(webhook);
        return url == null ? null : new WebhookTarget(url, headers, events);
    }

    private List<String> webhookEvents(JsonFields webhook) {
        List<String> events = webhook.strings("events", false, 1, WEBHOOK_EVENTS.size());
        if (events == null) {
            return WebhookTarget.EVENTS;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (!WEBHOOK_EVENTS.contains(event)) {
                webhook.problem("events[" + i + "]", "must be one of: " + String.join(", ", WebhookTarget.EVENTS));
            } else if (!seen.add(event)) {
                webhook.problem("events[" + i + "]", "repeats " + event);
            }
        }
        return WebhookTarget.EVENTS.stream().filter(seen::contains).toList();
    }

    private Map<String, String> webhookHeaders(JsonFields webhook) {
        Map<String, String> valid = new LinkedHashMap<>();
        JsonFields headers = webhook.object("headers");
        if (headers == null) {
            return valid;
        }
        if (headers.size() > limits.maxWebhookHeaders()) {
            webhook.problem("headers", "must have at most " + limits.maxWebhookHeaders() + " entries");
            return valid;
        }
        Set<String> names = new HashSet<>();
        var entries = headers.entries();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> header = entries.next();
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HEADER_NAME.matcher(name).matches()) {
                headers.problem(name, "is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)");
            } else if (WebhookDispatcher.RESERVED_HEADERS.contains(lower) || FORBIDDEN_HEADERS.contains(lower)) {
                headers.problem(name, "is set by the service and cannot be given");
            } else if (!names.add(lower)) {
                headers.problem(name, "is given twice (header names are case-insensitive)");
            } else if (!header.getValue().isTextual()) {
                headers.problem(name, "must be a string");
            } else if (name.length() + header.getValue().textValue().length() > MAX_HEADER_LENGTH) {
                headers.problem(name, "must be at most " + MAX_HEADER_LENGTH + " characters, name and value");
            } else if (!HEADER_VALUE.matcher(header.getValue().textValue()).matches()) {
                headers.problem(name, "must be printable ASCII without line breaks or control characters");
            } else {
                valid.put(name, header.getValue().textValue());
            }
        }
        return valid;
    }

    /**
     * Why the service would refuse to connect to {@code url}'s host, when that is known without a DNS lookup (an IP
     * literal or {@code localhost}); names are judged when they are resolved, at fetch time.
     */
    private Optional<String> blockedTarget(String url) {
        try {
            String host = new URI(url).getHost();
            return host == null ? Optional.empty() : guard.knownRefusal(host);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** An absolute http or https URL with a host and no credentials. */
    static boolean isAbsoluteHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null
                    && Set.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
