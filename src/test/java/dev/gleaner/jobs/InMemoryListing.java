package dev.gleaner.jobs;

import dev.gleaner.jobs.InMemoryUrls.Url;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The pages listing of {@link InMemoryJobs}, paged and filtered as the SQL listing is, with the same cursors. */
final class InMemoryListing {
    private static final Pattern CURSOR = Pattern.compile("p[0-9a-z]{1,12}");

    private InMemoryListing() {}

    /** A page of the job's URLs after seq {@code after}, filtered as the SQL listing filters. */
    static PageListing listing(List<Url> rows, @Nullable PageOutcome outcome, int limit, long after) {
        List<Url> matching = rows.stream()
                .filter(url -> url.seq() > after)
                .filter(url -> outcome == null
                        || shown(url) == outcome
                        || (outcome == PageOutcome.FAILED && url.state() == UrlState.FAILED))
                .toList();
        List<Url> page = matching.subList(0, Math.min(limit, matching.size()));
        List<PageRecord> records = page.stream()
                .map(url -> new PageRecord(
                        url.found().url(),
                        shown(url),
                        url.reason(),
                        url.httpStatus(),
                        url.found().depth(),
                        url.attempts(),
                        url.datasetId(),
                        url.updatedAt()))
                .toList();
        String next = matching.size() > limit
                ? "p" + Long.toString(page.getLast().seq(), 36).toLowerCase(Locale.ROOT)
                : null;
        return new PageListing(records, next);
    }

    static long after(@Nullable String cursor) {
        if (cursor == null) {
            return 0;
        }
        if (!CURSOR.matcher(cursor).matches()) {
            throw new IllegalArgumentException("Not a cursor of a pages listing");
        }
        return Long.parseLong(cursor.substring(1), 36);
    }

    static PageOutcome shown(Url url) {
        return switch (url.state()) {
            case PENDING -> PageOutcome.PENDING;
            case LEASED -> PageOutcome.PROCESSING;
            default -> Objects.requireNonNull(url.outcome());
        };
    }
}
