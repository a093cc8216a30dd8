package dev.gleaner.api;

import dev.gleaner.jobs.ChangeKind;
import dev.gleaner.jobs.JobService;
import dev.gleaner.webhooks.WebhookDeliveries;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks query-string parameters, listing every problem in one 400. Parameters are looked up through a
 * function so that the rules do not depend on the HTTP library.
 */
final class QueryParameterValidator {
    /** Longer numerals carry no meaning a double can hold; refusing them keeps parsing cheap. */
    private static final int MAX_NUMBER_LENGTH = 32;

    private final ApiLimits limits;

    QueryParameterValidator(ApiLimits limits) {
        this.limits = limits;
    }

    /** The parameters of a knowledgebase query. */
    record Search(String q, int topK, double scoreThreshold, @Nullable Long minPosition) {}

    /** The parameters of a job's pages listing; {@code outcome} and {@code cursor} are null when not given. */
    record JobPages(@Nullable String outcome, int limit, @Nullable String cursor) {}

    Search search(Function<String, @Nullable String> parameters) {
        Problems problems = new Problems();
        String q = parameters.apply("q");
        String unprintable = q == null ? null : PrintableText.problem(q, true);
        if (q == null || q.isBlank()) {
            problems.add("q", "is required");
        } else if (PrintableText.isBlank(q)) {
            problems.add("q", "must have a visible character (it is only whitespace, invisible or control characters)");
        } else if (unprintable != null) {
            problems.add("q", unprintable);
        } else if (q.length() > limits.maxQueryLength()) {
            problems.add("q", "must be at most " + limits.maxQueryLength() + " characters");
        }
        Integer topK = integer(parameters, "topK", 1, limits.maxTopK(), problems);
        Double threshold = fraction(parameters, "scoreThreshold", problems);
        Long minPosition = position(parameters, "minPosition", problems);
        problems.throwIfAny();
        return new Search(
                Objects.requireNonNull(q),
                Objects.requireNonNullElse(topK, limits.defaultTopK()),
                Objects.requireNonNullElse(threshold, limits.defaultScoreThreshold()),
                minPosition);
    }

    /** A page of a dataset listing; {@code keyword} (title, file name or URL contains it) is null when not given. */
    record DatasetPage(@Nullable String keyword, int limit, int offset) {}

    DatasetPage datasetPage(Function<String, @Nullable String> parameters) {
        Problems problems = new Problems();
        String keyword = parameters.apply("keyword");
        String unprintable = keyword == null ? null : PrintableText.problem(keyword, false);
        if (keyword != null && PrintableText.isBlank(keyword)) {
            keyword = null;
        } else if (unprintable != null) {
            problems.add("keyword", unprintable);
        } else if (keyword != null && keyword.length() > ApiLimits.MAX_DATASET_KEYWORD_LENGTH) {
            problems.add("keyword", "must be at most " + ApiLimits.MAX_DATASET_KEYWORD_LENGTH + " characters");
        }
        Integer limit = integer(parameters, "limit", 1, limits.maxDatasetPage(), problems);
        Integer offset = integer(parameters, "offset", 0, limits.maxDatasetOffset(), problems);
        problems.throwIfAny();
        return new DatasetPage(
                keyword == null ? null : keyword.strip(),
                Objects.requireNonNullElse(limit, limits.defaultDatasetPage()),
                Objects.requireNonNullElse(offset, 0));
    }

    JobPages jobPages(Function<String, @Nullable String> parameters) {
        Problems problems = new Problems();
        String outcome = parameters.apply("outcome");
        if (outcome != null && !JobService.PAGE_OUTCOMES.contains(outcome)) {
            problems.add("outcome", "must be one of: " + String.join(", ", JobService.PAGE_OUTCOMES));
        }
        Integer limit = integer(parameters, "limit", 1, limits.maxJobPages(), problems);
        String cursor = parameters.apply("cursor");
        if (cursor != null && (cursor.isEmpty() || cursor.length() > limits.maxCursorLength())) {
            problems.add("cursor", "must be the nextCursor of a previous page");
        }
        problems.throwIfAny();
        return new JobPages(outcome, Objects.requireNonNullElse(limit, limits.defaultJobPages()), cursor);
    }

    /** The parameters of a job's changes listing; {@code cursor} is null when not given. */
    record JobChangesPage(ChangeKind change, int limit, @Nullable String cursor) {}

    JobChangesPage jobChanges(Function<String, @Nullable String> parameters) {
        Problems problems = new Problems();
        String change = parameters.apply("change");
        Optional<ChangeKind> kind = change == null ? Optional.empty() : ChangeKind.parse(change);
        if (kind.isEmpty()) {
            problems.add("change", "must be one of: " + String.join(", ", ChangeKind.WIRE_NAMES));
        }
        Integer limit = integer(parameters, "limit", 1, limits.maxJobPages(), problems);
        String cursor = parameters.apply("cursor");
        if (cursor != null && (cursor.isEmpty() || cursor.length() > limits.maxCursorLength())) {
            problems.add("cursor", "must be the nextCursor of a previous page");
        }
        problems.throwIfAny();
        return new JobChangesPage(
                kind.orElseThrow(), Objects.requireNonNullElse(limit, limits.defaultJobPages()), cursor);
    }

    /** The parameters of a job's webhook delivery log; {@code cursor} is null when not given. */
    record WebhookLog(int limit, @Nullable String cursor) {}

    WebhookLog webhookLog(Function<String, @Nullable String> parameters) {
        Problems problems = new Problems();
        Integer limit = integer(parameters, "limit", 1, WebhookDeliveries.MAX_LIMIT, problems);
        String cursor = parameters.apply("cursor");
        if (cursor != null && (cursor.isEmpty() || cursor.length() > limits.maxCursorLength())) {
            problems.add("cursor", "must be the nextCursor of a previous page");
        }
        problems.throwIfAny();
        return new WebhookLog(Objects.requireNonNullElse(limit, WebhookDeliveries.DEFAULT_LIMIT), cursor);
    }

    private static @Nullable Integer integer(
            Function<String, @Nullable String> parameters, String name, int min, int max, Problems problems) {
        String raw = parameters.apply(name);
        if (raw == null) {
            return null;
        }
        String range = "must be an integer between " + min + " and " + max;
        if (!raw.matches("[+-]?[0-9]{1,10}")) {
            problems.add(name, range);
            return null;
        }
        long value = Long.parseLong(raw);
        if (value < min || value > max) {
            problems.add(name, range);
            return null;
        }
        return (int) value;
    }

    /** A change-feed position: an integer from 0. */
    private static @Nullable Long position(
            Function<String, @Nullable String> parameters, String name, Problems problems) {
        String raw = parameters.apply(name);
        if (raw == null) {
            return null;
        }
        if (!raw.matches("[+]?[0-9]{1,18}")) {
            problems.add(name, "must be an integer from 0 (an indexPosition returned by a write or a read)");
            return null;
        }
        return Long.parseLong(raw);
    }

    private static @Nullable Double fraction(
            Function<String, @Nullable String> parameters, String name, Problems problems) {
        String raw = parameters.apply(name);
        if (raw == null) {
            return null;
        }
        String range = "must be a number between 0 and 1";
        if (raw.length() > MAX_NUMBER_LENGTH || !raw.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            problems.add(name, range);
            return null;
        }
        double value = Double.parseDouble(raw);
        if (value < 0.0 || value > 1.0) {
            problems.add(name, range);
            return null;
        }
        return value;
    }
}
