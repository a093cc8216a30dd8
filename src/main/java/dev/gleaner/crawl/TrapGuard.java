package dev.gleaner.crawl;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises URLs of crawler traps: spaces of pages a site generates without end, such as relative links that nest a
 * path in itself ({@code /a/b/a/b/a/b}), faceted searches that stack parameters, and calendars whose "next month" link
 * never runs out. A URL is a trap when it breaks one of the {@link TrapLimits}: too long; too many path segments; one
 * segment (numbers aside) occurring too often, or one run of segments following itself too often; too many query
 * parameters; too many date-looking segments; or a calendar date (a year followed by a month in the path, a
 * {@code YYYY-MM[-DD]} segment or query value, or a {@code year} parameter) too far from the current year of the
 * injected clock (UTC). crawler-commons has no trap detection, so the rules are written out here. Thread-safe.
 */
public final class TrapGuard {
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern MONTH = Pattern.compile("0?[1-9]|1[0-2]");
    private static final Pattern DAY = Pattern.compile("0?[1-9]|[12]\\d|3[01]");
    private static final Pattern FULL_DATE = Pattern.compile("(\\d{4})-(0?[1-9]|1[0-2])(?:-(0?[1-9]|[12]\\d|3[01]))?");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final String FOREVER = " (a calendar that goes on forever)";

    private final Clock clock;
    private final TrapLimits limits;

    /** A guard with {@link TrapLimits#DEFAULTS}. */
    public TrapGuard(Clock clock) {
        this(clock, TrapLimits.DEFAULTS);
    }

    public TrapGuard(Clock clock, TrapLimits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    /** Why {@code url} looks like a crawler trap, as a sentence, or empty when it does not. */
    public Optional<String> trap(URI url) {
        String text = url.toString();
        if (text.length() > limits.maxUrlLength()) {
            return Optional.of(
                    "The URL is " + text.length() + " characters long; the limit is " + limits.maxUrlLength() + ".");
        }
        List<String> segments = segments(url.getRawPath());
        if (segments.size() > limits.maxPathSegments()) {
            return Optional.of("The path is " + segments.size() + " segments deep; the limit is "
                    + limits.maxPathSegments() + ".");
        }
        Optional<String> repeated = repeatedSegment(segments).or(() -> repeatedRun(segments));
        if (repeated.isPresent()) {
            return repeated;
        }
        List<String> parameters = parameters(url.getRawQuery());
        if (parameters.size() > limits.maxQueryParameters()) {
            return Optional.of("The query has " + parameters.size() + " parameters; the limit is "
                    + limits.maxQueryParameters() + ".");
        }
        return calendarTrap(segments, parameters);
    }

    private Optional<String> repeatedSegment(List<String> segments) {
        Map<String, Integer> counts = new HashMap<>();
        for (String segment : segments) {
            if (NUMBER.matcher(segment).matches()) {
                continue;
            }
            int count = counts.merge(segment, 1, Integer::sum);
            if (count > limits.maxSegmentRepeats()) {
                return Optional.of("The path segment '" + segment + "' occurs " + count + " times; the limit is "
                        + limits.maxSegmentRepeats() + " (links that nest a path in itself).");
            }
        }
        return Optional.empty();
    }

    /** A run of segments that follows itself more than the limit allows, e.g. {@code 1/2} in {@code /1/2/1/2/1/2}. */
    private Optional<String> repeatedRun(List<String> segments) {
        int times = limits.maxSegmentRepeats() + 1;
        for (int length = 1; length * times <= segments.size(); length++) {
            for (int start = 0; start + length * times <= segments.size(); start++) {
                if (repeats(segments, start, length, times)) {
                    String run = "/" + String.join("/", segments.subList(start, start + length));
                    return Optional.of("The path repeats '" + run + "' " + times + " times in a row; the limit is "
                            + limits.maxSegmentRepeats() + " (links that nest a path in itself).");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean repeats(List<String> segments, int start, int length, int times) {
        for (int copy = 1; copy < times; copy++) {
            for (int i = 0; i < length; i++) {
                if (!segments.get(start + i).equals(segments.get(start + copy * length + i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private Optional<String> calendarTrap(List<String> segments, List<String> parameters) {
        List<Integer> years = new ArrayList<>();
        int dateSegments = 0;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            Matcher full = FULL_DATE.matcher(segment);
            if (full.matches()) {
                years.add(Integer.parseInt(full.group(1)));
                dateSegments++;
            } else if (YEAR.matcher(segment).matches() && i + 1 < segments.size() && matches(MONTH, segments, i + 1)) {
                years.add(Integer.parseInt(segment));
                dateSegments += 2;
                i++;
                if (i + 1 < segments.size() && matches(DAY, segments, i + 1)) {
                    dateSegments++;
                    i++;
                }
            }
        }
        if (dateSegments > limits.maxDateSegments()) {
            return Optional.of("The path has " + dateSegments + " date segments; the limit is "
                    + limits.maxDateSegments() + FOREVER + ".");
        }
        years.addAll(queryYears(parameters));
        return years.stream().map(this::outOfRange).flatMap(Optional::stream).findFirst();
    }

    private static List<Integer> queryYears(List<String> parameters) {
        List<Integer> years = new ArrayList<>();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            Matcher full = FULL_DATE.matcher(value);
            if (full.matches()) {
                years.add(Integer.parseInt(full.group(1)));
            } else if (name.equalsIgnoreCase("year") && YEAR.matcher(value).matches()) {
                years.add(Integer.parseInt(value));
            }
        }
        return years;
    }

    private Optional<String> outOfRange(int year) {
        int now = clock.instant().atZone(ZoneOffset.UTC).getYear();
        if (year < now - limits.calendarYearsBack()) {
            return Optional.of("The calendar date in year " + year + " is more than " + limits.calendarYearsBack()
                    + " years before " + now + FOREVER + ".");
        }
        if (year > now + limits.calendarYearsAhead()) {
            return Optional.of("The calendar date in year " + year + " is more than " + limits.calendarYearsAhead()
                    + " years after " + now + FOREVER + ".");
        }
        return Optional.empty();
    }

    private static boolean matches(Pattern pattern, List<String> segments, int index) {
        return pattern.matcher(segments.get(index)).matches();
    }

    private static List<String> segments(@Nullable String rawPath) {
        List<String> segments = new ArrayList<>();
        if (rawPath != null) {
            for (String segment : rawPath.split("/", -1)) {
                if (!segment.isEmpty()) {
                    segments.add(segment);
                }
            }
        }
        return segments;
    }

    private static List<String> parameters(@Nullable String rawQuery) {
        List<String> parameters = new ArrayList<>();
        if (rawQuery != null) {
            for (String parameter : rawQuery.split("&", -1)) {
                if (!parameter.isEmpty()) {
                    parameters.add(parameter);
                }
            }
        }
        return parameters;
    }
}
