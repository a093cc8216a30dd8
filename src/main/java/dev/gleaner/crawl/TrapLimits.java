package dev.gleaner.crawl;

/**
 * Named caps of {@link TrapGuard}.
 *
 * @param maxUrlLength the longest URL, in characters
 * @param maxPathSegments the most non-empty path segments
 * @param maxSegmentRepeats how often one path segment (numbers aside) may occur in a path, and how often one run of
 *     segments may follow itself ({@code /x/x/x} and {@code /a/b/a/b/a/b} exceed 2)
 * @param maxQueryParameters the most query parameters
 * @param maxDateSegments the most date-looking path segments (year, month and day each count; {@code 2026-11-28} is one)
 * @param calendarYearsBack how many years before the current one a calendar date (a year followed by a month) may lie
 * @param calendarYearsAhead how many years after the current one a calendar date may lie
 */
public record TrapLimits(
        int maxUrlLength,
        int maxPathSegments,
        int maxSegmentRepeats,
        int maxQueryParameters,
        int maxDateSegments,
        int calendarYearsBack,
        int calendarYearsAhead) {
    public static final int DEFAULT_MAX_URL_LENGTH = 1_024;
    public static final int DEFAULT_MAX_PATH_SEGMENTS = 20;
    public static final int DEFAULT_MAX_SEGMENT_REPEATS = 2;
    public static final int DEFAULT_MAX_QUERY_PARAMETERS = 16;
    public static final int DEFAULT_MAX_DATE_SEGMENTS = 3;
    public static final int DEFAULT_CALENDAR_YEARS_BACK = 20;
    public static final int DEFAULT_CALENDAR_YEARS_AHEAD = 2;

    public static final TrapLimits DEFAULTS = new TrapLimits(
            DEFAULT_MAX_URL_LENGTH,
            DEFAULT_MAX_PATH_SEGMENTS,
            DEFAULT_MAX_SEGMENT_REPEATS,
            DEFAULT_MAX_QUERY_PARAMETERS,
            DEFAULT_MAX_DATE_SEGMENTS,
            DEFAULT_CALENDAR_YEARS_BACK,
            DEFAULT_CALENDAR_YEARS_AHEAD);

    public TrapLimits {
        if (maxUrlLength < 1 || maxPathSegments < 1 || maxSegmentRepeats < 1 || maxQueryParameters < 0) {
            throw new IllegalArgumentException("trap caps must be positive");
        }
        if (maxDateSegments < 0 || calendarYearsBack < 0 || calendarYearsAhead < 0) {
            throw new IllegalArgumentException("calendar caps must not be negative");
        }
    }
}
