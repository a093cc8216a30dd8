package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.RenderMode;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.jobs.WebhookTarget;
import dev.gleaner.testapp.DefaultSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrawlRequestValidationTest {
    private static final ObjectMapper MAPPER = ApiJson.mapper();
    private final CrawlRequestValidator validator =
            new CrawlRequestValidator(DefaultSettings.apiLimits(), new dev.gleaner.crawl.AddressGuard(false, host -> {
                throw new java.net.UnknownHostException("no lookups in this test: " + host);
            }));

    static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    /** The details of the 400 the body is refused with. */
    private Map<String, String> problems(JsonNode body) {
        try {
            validator.validate(body);
        } catch (ServiceException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            return e.details();
        }
        throw new AssertionError("accepted: " + body);
    }

    private static ObjectNode crawl() {
        return MAPPER.createObjectNode().put("url", "https://example.com/docs");
    }

    private static ObjectNode batch(int urls) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode list = body.putArray("urls");
        for (int i = 0; i < urls; i++) {
            list.add("https://example.com/p" + i);
        }
        return body;
    }

    private static ObjectNode withRegexes(String field, int count, int length) {
        ObjectNode body = crawl();
        ArrayNode list = body.putArray(field);
        for (int i = 0; i < count; i++) {
            list.add("a".repeat(length));
        }
        return body;
    }

    @Test
    void aCrawlWithOnlyAUrlGetsTheDocumentedDefaults() throws Exception {
        CrawlRequest request = validator.validate(crawl());
        CrawlSpec spec = request.spec();
        assertThat(spec.mode()).isEqualTo(JobMode.CRAWL);
        assertThat(spec.url()).isEqualTo("https://example.com/docs");
        assertThat(spec.limit()).isEqualTo(1_000);
        assertThat(spec.maxDepth()).isEqualTo(10);
        assertThat(spec.sitemap()).isEqualTo(SitemapPolicy.INCLUDE);
        assertThat(spec.includePaths()).isEmpty();
        assertThat(spec.allowSubdomains()).isFalse();
        assertThat(spec.crawlEntireDomain()).isFalse();
        assertThat(spec.ignoreQueryParameters()).isFalse();
        assertThat(request.urls()).isEmpty();
    }

    @Test
    void everyFieldIsCarriedIntoTheSpec() throws Exception {
        CrawlRequest request = validator.validate(
                json(
                        """
                {"mode": "crawl", "url": "http://example.com/", "limit": 5, "maxDepth": 0,
                 "includePaths": ["^/docs/.*"], "excludePaths": ["\\\\.pdf$"], "allowSubdomains": true,
                 "crawlEntireDomain": true, "sitemap": "skip", "ignoreQueryParameters": true}"""));
        assertThat(request.spec())
                .isEqualTo(new CrawlSpec(
                        JobMode.CRAWL,
                        "http://example.com/",
                        5,
                        0,
                        java.util.List.of("^/docs/.*"),
                        java.util.List.of("\\.pdf$"),
                        true,
                        true,
                        SitemapPolicy.SKIP,
                        true));
    }

    @Test
    void urlsWithoutAModeMakeABatch() throws Exception {
        CrawlRequest request = validator.validate(json("{\"urls\": [\"https://a.example/\", \"not a url\"]}"));
        assertThat(request.spec().mode()).isEqualTo(JobMode.BATCH);
        assertThat(request.spec().url()).isNull();
        assertThat(request.urls()).containsExactly("https://a.example/", "not a url");
    }

    @Test
    void aRequestWithSeveralProblemsListsThemAll() throws Exception {
        Map<String, String> problems = problems(
                json(
                        """
                {"mode": "spider", "url": 5, "limit": 0, "maxDepth": 101, "includePaths": ["("],
                 "excludePaths": "x", "allowSubdomains": "yes", "sitemap": "sometimes", "colour": "red"}"""));
        assertThat(problems)
                .containsOnlyKeys(
                        "mode",
                        "url",
                        "limit",
                        "maxDepth",
                        "includePaths[0]",
                        "excludePaths",
                        "allowSubdomains",
                        "sitemap",
                        "colour");
        assertThat(problems.get("mode")).isEqualTo("must be one of: crawl, sitemap, batch");
        assertThat(problems.get("url")).isEqualTo("must be a string");
        assertThat(problems.get("limit")).isEqualTo("must be between 1 and 100000");
        assertThat(problems.get("maxDepth")).isEqualTo("must be between 0 and 100");
        assertThat(problems.get("includePaths[0]")).startsWith("is not a valid regular expression: ");
        assertThat(problems.get("excludePaths")).isEqualTo("must be an array of strings");
        assertThat(problems.get("allowSubdomains")).isEqualTo("must be true or false");
        assertThat(problems.get("colour")).isEqualTo("is not a known field");
    }

    @Test
    void theRefusalSaysHowManyFieldsAreInvalid() throws Exception {
        assertThatThrownBy(() -> validator.validate(json("{\"url\": 1, \"limit\": \"x\"}")))
                .isInstanceOf(ServiceException.class)
                .hasMessage("The request has 2 invalid fields");
    }

    @Test
    void limitBoundaries() {
        assertThat(validator.validate(crawl().put("limit", 1)).spec().limit()).isEqualTo(1);
        assertThat(validator.validate(crawl().put("limit", 100_000)).spec().limit())
                .isEqualTo(100_000);
        assertThat(problems(crawl().put("limit", 0))).containsKey("limit");
        assertThat(problems(crawl().put("limit", 100_001))).containsKey("limit");
    }

    @Test
    void maxDepthBoundaries() {
        assertThat(validator.validate(crawl().put("maxDepth", 0)).spec().maxDepth())
                .isZero();
        assertThat(validator.validate(crawl().put("maxDepth", 100)).spec().maxDepth())
                .isEqualTo(100);
        assertThat(problems(crawl().put("maxDepth", -1))).containsKey("maxDepth");
        assertThat(problems(crawl().put("maxDepth", 101))).containsKey("maxDepth");
    }

    @Test
    void batchUrlCountBoundaries() {
        assertThat(validator.validate(batch(1)).urls()).hasSize(1);
        assertThat(validator.validate(batch(10_000)).urls()).hasSize(10_000);
        assertThat(problems(batch(0))).containsEntry("urls", "must have between 1 and 10000 entries");
        assertThat(problems(batch(10_001))).containsEntry("urls", "must have between 1 and 10000 entries");
    }

    @Test
    void regexCountAndLengthBoundaries() {
        assertThat(validator
                        .validate(withRegexes("includePaths", 50, 500))
                        .spec()
                        .includePaths())
                .hasSize(50);
        assertThat(problems(withRegexes("includePaths", 51, 1)))
                .containsEntry("includePaths", "must have between 0 and 50 entries");
        assertThat(problems(withRegexes("excludePaths", 1, 501)))
                .containsEntry("excludePaths[0]", "must be at most 500 characters");
    }

    @Test
    void numbersMustBeWholeAndInRange() throws Exception {
        assertThat(validator.validate(crawl().put("limit", 100.0)).spec().limit())
                .isEqualTo(100);
        assertThat(problems(crawl().put("limit", 1.5))).containsEntry("limit", "must be an integer");
        assertThat(problems(json("{\"url\": \"https://e.example/\", \"limit\": 1e400}")))
                .containsKey("limit");
        assertThat(problems(json("{\"url\": \"https://e.example/\", \"limit\": 99999999999999999999999}")))
                .containsEntry("limit", "must be between 1 and 100000");
        assertThat(problems(crawl().put("limit", "10"))).containsEntry("limit", "must be an integer");
        assertThat(problems(crawl().put("maxDepth", true))).containsEntry("maxDepth", "must be an integer");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/",
                "/docs",
                "example.com",
                "mailto:a@example.com",
                "https://user:pw@example.com/",
                "http://",
                "https://exa mple.com/"
            })
    void theSeedMustBeAnAbsoluteHttpUrl(String url) {
        assertThat(problems(MAPPER.createObjectNode().put("url", url)))
                .containsEntry("url", "must be an absolute http(s) URL");
    }

    @Test
    void aCrawlNeedsAUrlAndABatchNeedsUrls() throws Exception {
        assertThat(problems(json("{}"))).containsEntry("url", "is required");
        assertThat(problems(json("{\"mode\": \"batch\"}"))).containsEntry("urls", "is required");
        assertThat(problems(json(
                        "{\"mode\": \"crawl\", \"url\": \"https://e.example/\", \"urls\": [\"https://e.example/\"]}")))
                .containsEntry("urls", "is only used in batch mode");
        assertThat(problems(json("{\"url\": \"https://e.example/\", \"urls\": [\"https://e.example/\"]}")))
                .containsEntry("url", "is not used in batch mode: put the URLs in urls");
    }

    @Test
    void batchEntriesMustBeStringsAndOverlongOnesAreRefused() throws Exception {
        assertThat(problems(json("{\"urls\": [\"https://e.example/\", 3, null]}")))
                .containsEntry("urls[1]", "must be a string")
                .containsEntry("urls[2]", "must be a string");
        String overlong = "https://e.example/" + "a".repeat(2_048);
        CrawlRequest request = validator.validate(MAPPER.createObjectNode()
                .set("urls", MAPPER.createArrayNode().add("https://e.example/").add(overlong)));
        assertThat(request.urls()).containsExactly("https://e.example/");
        assertThat(request.refusedUrls()).containsExactly(overlong);
    }

    @Test
    void renderIsAutoUnlessAlwaysOrNeverIsAsked() {
        assertThat(validator.validate(crawl()).spec().render()).isEqualTo(RenderMode.AUTO);
        assertThat(validator.validate(crawl().put("render", "never")).spec().render())
                .isEqualTo(RenderMode.NEVER);
        assertThat(validator.validate(crawl().put("render", "always")).spec().render())
                .isEqualTo(RenderMode.ALWAYS);
        assertThat(problems(crawl().put("render", "sometimes")))
                .containsEntry("render", "must be one of: auto, always, never");
    }

    @Test
    void sitemapModeTakesTheSiteUrl() {
        CrawlRequest request = validator.validate(crawl().put("mode", "sitemap").put("sitemap", "only"));
        assertThat(request.spec().mode()).isEqualTo(JobMode.SITEMAP);
        assertThat(request.spec().url()).isEqualTo(crawl().path("url").asText());
        assertThat(problems(MAPPER.createObjectNode().put("mode", "sitemap"))).containsKey("url");
    }

    @Test
    void aWellFormedWebhookIsKeptInTheSpecWithItsEventsInEmissionOrder() throws Exception {
        CrawlRequest request = validator.validate(
                json(
                        """
                {"url": "https://e.example/", "webhook": {"url": "https://hooks.example/in",
                 "headers": {"X-Token": "t"}, "events": ["crawl.completed", "crawl.page"]}}"""));
        assertThat(request.spec().webhook())
                .isEqualTo(new WebhookTarget(
                        "https://hooks.example/in", Map.of("X-Token", "t"), List.of("crawl.page", "crawl.completed")));
    }

    @Test
    void aWebhookWithoutEventsGetsEveryEvent() throws Exception {
        CrawlRequest request = validator.validate(
                json("{\"url\": \"https://e.example/\", \"webhook\": {\"url\": \"http://h.example/\"}}"));
        assertThat(request.spec().webhook()).extracting(WebhookTarget::events).isEqualTo(WebhookTarget.EVENTS);
        assertThat(validator.validate(crawl()).spec().webhook()).isNull();
    }

    @Test
    void aMalformedWebhookListsEveryProblem() throws Exception {
        Map<String, String> problems = problems(
                json(
                        """
                {"url": "https://e.example/", "webhook": {"headers": {"X-Token": 1, "x-signature": "s",
                 "X-Gleaner-Delivery": "d", "Host": "h", "Bad Name": "v", "X-Line": "a\\r\\nb"},
                 "events": ["crawl.exploded", "crawl.page", "crawl.page"], "secret": "s"}}"""));
        assertThat(problems)
                .containsOnlyKeys(
                        "webhook.url",
                        "webhook.headers.X-Token",
                        "webhook.headers.x-signature",
                        "webhook.headers.X-Gleaner-Delivery",
                        "webhook.headers.Host",
                        "webhook.headers.Bad Name",
                        "webhook.headers.X-Line",
                        "webhook.events[0]",
                        "webhook.events[2]",
                        "webhook.secret");
        assertThat(problems.get("webhook.url")).isEqualTo("is required");
        assertThat(problems.get("webhook.headers.x-signature")).isEqualTo("is set by the service and cannot be given");
        assertThat(problems.get("webhook.events[2]")).isEqualTo("repeats crawl.page");
        assertThat(problems(json("{\"url\": \"https://e.example/\", \"webhook\": \"https://h.example/\"}")))
                .containsExactly(Map.entry("webhook", "must be an object"));
    }

    @Test
    void aWebhookUrlMustBeAbsoluteHttpWithoutCredentials() throws Exception {
        for (String url : List.of("ftp://h.example/", "/relative", "https://user:pw@h.example/", "http://")) {
            Map<String, String> problems =
                    problems(json("{\"url\": \"https://e.example/\", \"webhook\": {\"url\": \"" + url + "\"}}"));
            assertThat(problems).as(url).containsOnlyKeys("webhook.url");
        }
    }

    @Test
    void aWebhookHasABoundedNumberOfHeaders() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i <= DefaultSettings.apiLimits().maxWebhookHeaders(); i++) {
            headers.append(i == 0 ? "" : ", ").append("\"X-H").append(i).append("\": \"v\"");
        }
        Map<String, String> problems = problems(json("{\"url\": \"https://e.example/\", \"webhook\": {\"url\":"
                + " \"https://h.example/\", \"headers\": {" + headers + "}}}"));
        assertThat(problems).containsOnlyKeys("webhook.headers");
    }

    @Test
    void theBodyMustBeAnObject() throws Exception {
        assertThat(problems(json("[1, 2]"))).containsExactly(Map.entry("body", "must be a JSON object"));
        assertThat(problems(json("\"crawl\""))).containsExactly(Map.entry("body", "must be a JSON object"));
    }

    @Test
    void explicitNullsOfOptionalFieldsMeanTheDefault() throws Exception {
        CrawlSpec spec = validator
                .validate(json("{\"url\": \"https://e.example/\", \"limit\": null, \"sitemap\": null}"))
                .spec();
        assertThat(spec.limit()).isEqualTo(CrawlSpec.DEFAULT_LIMIT);
        assertThat(spec.sitemap()).isEqualTo(SitemapPolicy.INCLUDE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080/",
                "http://localhost/docs",
                "http://api.localhost/",
                "http://[::1]:8080/",
                "http://[::ffff:10.0.0.1]/",
                "http://10.0.0.5/",
                "http://169.254.169.254/latest/meta-data/",
                "http://0.0.0.0/"
            })
    void refusesABlockedLiteralOrLocalhostSeedNamingTheFlag(String url) {
        ObjectNode body = MAPPER.createObjectNode().put("url", url);

        assertThat(problems(body)).hasEntrySatisfying("url", problem -> assertThat(problem)
                .contains("is blocked")
                .contains("--allow-private-network"));
    }

    @Test
    void refusesBlockedBatchUrlsAndWebhookTargetsEachByItsPlace() {
        ObjectNode body = batch(2);
        ((ArrayNode) body.get("urls")).add("http://192.168.1.1/admin");
        body.putObject("webhook").put("url", "http://127.0.0.1:9000/hook");

        assertThat(problems(body))
                .containsOnlyKeys("urls[2]", "webhook.url")
                .allSatisfy((field, problem) -> assertThat(problem).contains("--allow-private-network"));
    }

    @Test
    void acceptsNamesWithoutLookingThemUpAndPublicLiterals() {
        ObjectNode body = MAPPER.createObjectNode().put("url", "http://8.8.8.8/");
        assertThat(validator.validate(body).spec().url()).isEqualTo("http://8.8.8.8/");
        // A name is judged when it is resolved at fetch time; the validator does no lookup (the resolver throws).
        assertThat(validator.validate(crawl()).spec().url()).isEqualTo("https://example.com/docs");
    }

    @Test
    void acceptsLoopbackTargetsWhenPrivateNetworksAreAllowed() {
        CrawlRequestValidator permissive = new CrawlRequestValidator(
                DefaultSettings.apiLimits(), new dev.gleaner.crawl.AddressGuard(true, host -> {
                    throw new java.net.UnknownHostException(host);
                }));
        ObjectNode body = MAPPER.createObjectNode().put("url", "http://127.0.0.1:8080/");

        assertThat(permissive.validate(body).spec().url()).isEqualTo("http://127.0.0.1:8080/");
    }
}
