package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

    private static Scope scope(String seed) {
        return new Scope(URI.create(seed), false, false, List.of(), List.of());
    }

    private static boolean allows(Scope scope, String url) {
        return scope.allows(URI.create(url));
    }

    @Test
    void admitsTheSeedHostCaseInsensitivelyAndRefusesOtherHosts() {
        Scope scope = scope("https://www.example.com/");

        assertThat(allows(scope, "https://WWW.Example.com/page")).isTrue();
        assertThat(allows(scope, "http://www.example.com/page")).isTrue();
        assertThat(allows(scope, "https://blog.example.com/page")).isFalse();
        assertThat(allows(scope, "https://example.org/page")).isFalse();
    }

    @Test
    void withSubdomainsAdmitsTheWholeRegistrableDomain() {
        Scope scope = new Scope(URI.create("https://www.example.co.uk/"), true, false, List.of(), List.of());

        assertThat(allows(scope, "https://blog.example.co.uk/post")).isTrue();
        assertThat(allows(scope, "https://example.co.uk/")).isTrue();
        assertThat(allows(scope, "https://other.co.uk/")).isFalse();
        assertThat(allows(scope, "https://www.notexample.co.uk/")).isFalse();
    }

    @Test
    void withSubdomainsRespectsPrivateSuffixes() {
        Scope scope = new Scope(URI.create("https://alice.github.io/"), true, false, List.of(), List.of());

        assertThat(allows(scope, "https://bob.github.io/")).isFalse();
        assertThat(allows(scope, "https://docs.alice.github.io/")).isTrue();
    }

    @Test
    void withSubdomainsStillRequiresTheExactAddressForIpHosts() {
        Scope scope = new Scope(URI.create("http://127.0.0.1:8080/"), true, false, List.of(), List.of());

        assertThat(allows(scope, "http://127.0.0.1:8080/a")).isTrue();
        assertThat(allows(scope, "http://127.0.0.2:8080/a")).isFalse();
    }

    @Test
    void admitsTheSeedPathAndBelowOnSegmentBoundaries() {
        Scope scope = scope("https://example.com/docs");

        assertThat(allows(scope, "https://example.com/docs")).isTrue();
        assertThat(allows(scope, "https://example.com/docs/")).isTrue();
        assertThat(allows(scope, "https://example.com/docs/a/b")).isTrue();
        assertThat(allows(scope, "https://example.com/docsx")).isFalse();
        assertThat(allows(scope, "https://example.com/blog")).isFalse();
        assertThat(allows(scope, "https://example.com/")).isFalse();
    }

    @Test
    void aSeedWithAFileNameCountsAsItsDirectory() {
        Scope scope = scope("https://example.com/docs/guide.html");

        assertThat(allows(scope, "https://example.com/docs/other.html")).isTrue();
        assertThat(allows(scope, "https://example.com/docs")).isTrue();
        assertThat(allows(scope, "https://example.com/elsewhere.html")).isFalse();
    }

    @Test
    void aRootSeedAdmitsEveryPath() {
        Scope scope = scope("https://example.com");

        assertThat(allows(scope, "https://example.com/any/where")).isTrue();
    }

    @Test
    void crawlEntireDomainIgnoresTheSeedPath() {
        Scope scope = new Scope(URI.create("https://example.com/docs/"), false, true, List.of(), List.of());

        assertThat(allows(scope, "https://example.com/blog/post")).isTrue();
        assertThat(allows(scope, "https://other.example/blog/post")).isFalse();
    }

    @Test
    void includePatternsMustMatchAndExcludePatternsMustNot() {
        Scope scope = new Scope(
                URI.create("https://example.com/"),
                false,
                false,
                List.of("^/blog/", "/news/\\d+$"),
                List.of("/drafts?/"));

        assertThat(allows(scope, "https://example.com/blog/hello")).isTrue();
        assertThat(allows(scope, "https://example.com/archive/news/42")).isTrue();
        assertThat(allows(scope, "https://example.com/about")).isFalse();
        assertThat(allows(scope, "https://example.com/blog/drafts/secret")).isFalse();
    }

    @Test
    void patternsMatchTheDecodedPath() {
        Scope scope = new Scope(URI.create("https://example.com/"), false, false, List.of("/café/"), List.of());

        assertThat(allows(scope, "https://example.com/caf%C3%A9/menu")).isTrue();
    }

    /** Backtracks exponentially on a long run of 'a' that does not end in 'a' (the JDK does not optimize it away). */
    private static final String CATASTROPHIC = "^/(.*a){12}$";

    @Test
    void aCatastrophicPatternEndsAndCountsAsOutOfScope() {
        String path = "https://example.com/" + "a".repeat(40) + "!";
        Scope including = new Scope(URI.create("https://example.com/"), false, false, List.of(CATASTROPHIC), List.of());
        Scope excluding = new Scope(URI.create("https://example.com/"), false, false, List.of(), List.of(CATASTROPHIC));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(allows(including, path)).isFalse();
            assertThat(allows(excluding, path)).isFalse();
        });
    }

    @Test
    void aQuadraticPatternIsFullyEvaluatedOnAPathOfTheLongestUrl() {
        // An exclude pattern over its budget would exclude the path, so "allowed" proves the scan finished.
        String longPath = "/" + "a".repeat(UrlNormalizer.MAX_URL_LENGTH - 40);
        Scope scope = new Scope(URI.create("https://example.com/"), false, false, List.of(), List.of(".*/private$"));

        assertThat(allows(scope, "https://example.com" + longPath + "/public")).isTrue();
        assertThat(allows(scope, "https://example.com" + longPath + "/private")).isFalse();
    }

    @Test
    void describesAnInvalidPattern() {
        assertThat(Scope.patternProblem("/blog/(unclosed")).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("The pattern is not a valid regular expression")
                .endsWith("."));
        assertThat(Scope.patternProblem("^/blog/.*")).isEmpty();
    }

    @Test
    void refusesAPatternLongerThanTheLimit() {
        assertThat(Scope.patternProblem("a".repeat(Scope.MAX_PATTERN_LENGTH))).isEmpty();
        assertThat(Scope.patternProblem("a".repeat(Scope.MAX_PATTERN_LENGTH + 1)))
                .hasValueSatisfying(problem -> assertThat(problem).contains(String.valueOf(Scope.MAX_PATTERN_LENGTH)));
    }

    @Test
    void rejectsAnInvalidPatternWhenBuilt() {
        assertThatThrownBy(() -> new Scope(URI.create("https://example.com/"), false, false, List.of("("), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognizesTheSeed() {
        Scope scope = new Scope(URI.create("https://example.com/start"), false, false, List.of("^/never$"), List.of());

        assertThat(scope.isSeed(URI.create("https://EXAMPLE.com/start"))).isTrue();
        assertThat(scope.isSeed(URI.create("https://example.com/start/more"))).isFalse();
        assertThat(scope.allows(URI.create("https://example.com/start"))).isFalse();
    }
}
