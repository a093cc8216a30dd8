package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.index.Retriever;
import dev.gleaner.testapp.DefaultSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParameterValidationTest {
    private final QueryParameterValidator validator = new QueryParameterValidator(DefaultSettings.apiLimits());

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, String> problems(
            Function<Function<String, @Nullable String>, ?> read, Map<String, String> params) {
        try {
            var unused = read.apply(params::get);
        } catch (ServiceException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            return e.details();
        }
        throw new AssertionError("accepted: " + params);
    }

    private Map<String, String> searchProblems(String... pairs) {
        return problems(validator::search, params(pairs));
    }

    private Map<String, String> pageProblems(String... pairs) {
        return problems(validator::datasetPage, params(pairs));
    }

    @Test
    void aQuestionAloneGetsTheDefaults() {
        assertThat(validator.search(params("q", "what is gleaner")::get))
                .isEqualTo(new QueryParameterValidator.Search("what is gleaner", 5, Retriever.DEFAULT_THRESHOLD, null));
    }

    @Test
    void severalProblemsAreListedAtOnce() {
        assertThat(searchProblems("topK", "0", "scoreThreshold", "2"))
                .containsOnlyKeys("q", "topK", "scoreThreshold")
                .containsEntry("q", "is required")
                .containsEntry("topK", "must be an integer between 1 and 50")
                .containsEntry("scoreThreshold", "must be a number between 0 and 1");
    }

    @Test
    void queryLengthBoundaries() {
        assertThat(validator.search(params("q", "x".repeat(2_000))::get).q()).hasSize(2_000);
        assertThat(searchProblems("q", "x".repeat(2_001))).containsEntry("q", "must be at most 2000 characters");
        assertThat(searchProblems("q", "   ")).containsEntry("q", "is required");
    }

    @Test
    void topKBoundaries() {
        assertThat(validator.search(params("q", "x", "topK", "1")::get).topK()).isEqualTo(1);
        assertThat(validator.search(params("q", "x", "topK", "50")::get).topK()).isEqualTo(50);
        assertThat(searchProblems("q", "x", "topK", "51")).containsKey("topK");
        assertThat(searchProblems("q", "x", "topK", "0")).containsKey("topK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "five", "1.5", "99999999999999999999", "0x10", " 5"})
    void topKMustBeAnInteger(String value) {
        assertThat(searchProblems("q", "x", "topK", value)).containsOnlyKeys("topK");
    }

    @Test
    void scoreThresholdBoundaries() {
        assertThat(validator
                        .search(params("q", "x", "scoreThreshold", "0")::get)
                        .scoreThreshold())
                .isZero();
        assertThat(validator
                        .search(params("q", "x", "scoreThreshold", "1")::get)
                        .scoreThreshold())
                .isEqualTo(1.0);
        assertThat(validator
                        .search(params("q", "x", "scoreThreshold", ".75")::get)
                        .scoreThreshold())
                .isEqualTo(0.75);
        assertThat(validator
                        .search(params("q", "x", "scoreThreshold", "1.0")::get)
                        .scoreThreshold())
                .isEqualTo(1.0);
        assertThat(validator
                        .search(params("q", "x", "scoreThreshold", "5e-1")::get)
                        .scoreThreshold())
                .isEqualTo(0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.1", "1.01", "NaN", "Infinity", "abc", "", "0x1", "1e1", "0.5.5"})
    void scoreThresholdOutsideZeroToOneIsRefused(String value) {
        assertThat(searchProblems("q", "x", "scoreThreshold", value)).containsOnlyKeys("scoreThreshold");
    }

    @Test
    void pageDefaultsAndBoundaries() {
        assertThat(validator.datasetPage(params()::get))
                .isEqualTo(new QueryParameterValidator.DatasetPage(null, 100, 0));
        assertThat(validator.datasetPage(params("limit", "1", "offset", "0")::get))
                .isEqualTo(new QueryParameterValidator.DatasetPage(null, 1, 0));
        assertThat(validator.datasetPage(params("limit", "1000", "offset", "10000000")::get))
                .isEqualTo(new QueryParameterValidator.DatasetPage(null, 1_000, 10_000_000));
        assertThat(pageProblems("limit", "0", "offset", "-1")).containsOnlyKeys("limit", "offset");
        assertThat(pageProblems("limit", "1001")).containsEntry("limit", "must be an integer between 1 and 1000");
        assertThat(pageProblems("offset", "10000001")).containsKey("offset");
    }

    @Test
    void aDatasetKeywordIsTrimmedAndABlankOneIsNoFilter() {
        assertThat(validator.datasetPage(params("keyword", "  tromsø notes ", "limit", "20")::get))
                .isEqualTo(new QueryParameterValidator.DatasetPage("tromsø notes", 20, 0));
        assertThat(validator.datasetPage(params("keyword", " \u200b ")::get).keyword())
                .isNull();
        assertThat(validator
                        .datasetPage(params("keyword", "k".repeat(ApiLimits.MAX_DATASET_KEYWORD_LENGTH))::get)
                        .keyword())
                .hasSize(ApiLimits.MAX_DATASET_KEYWORD_LENGTH);
        assertThat(pageProblems("keyword", "k".repeat(ApiLimits.MAX_DATASET_KEYWORD_LENGTH + 1), "limit", "0"))
                .containsOnlyKeys("keyword", "limit");
        assertThat(pageProblems("keyword", "a\u0000b")).containsOnlyKeys("keyword");
    }

    @Test
    void jobPagesDefaultsAndBoundaries() {
        assertThat(validator.jobPages(params()::get)).isEqualTo(new QueryParameterValidator.JobPages(null, 100, null));
        assertThat(validator.jobPages(params("outcome", "outOfScope", "limit", "1000", "cursor", "p1")::get))
                .isEqualTo(new QueryParameterValidator.JobPages("outOfScope", 1_000, "p1"));
        assertThat(validator.jobPages(params("outcome", "processing", "limit", "1")::get))
                .isEqualTo(new QueryParameterValidator.JobPages("processing", 1, null));
        assertThat(problems(validator::jobPages, params("outcome", "Ingested", "limit", "1001", "cursor", "")))
                .containsOnlyKeys("outcome", "limit", "cursor")
                .containsEntry("limit", "must be an integer between 1 and 1000");
        assertThat(problems(validator::jobPages, params("cursor", "c".repeat(ApiLimits.MAX_CURSOR_LENGTH + 1))))
                .containsOnlyKeys("cursor");
        assertThat(validator
                        .jobPages(params("cursor", "c".repeat(ApiLimits.MAX_CURSOR_LENGTH))::get)
                        .cursor())
                .hasSize(ApiLimits.MAX_CURSOR_LENGTH);
    }
}
