package dev.gleaner.config;

/**
 * The numbers a setting accepts, both ends included. {@link #ANY} is for settings that are not numbers.
 *
 * @param min the least value
 * @param max the greatest value; {@link Long#MAX_VALUE} for no upper bound
 */
public record Range(long min, long max) {
    /** No bounds: the setting is not a number, or any number is fine. */
    public static final Range ANY = new Range(Long.MIN_VALUE, Long.MAX_VALUE);

    public Range {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
    }

    /** At least {@code min}, no upper bound. */
    public static Range atLeast(long min) {
        return new Range(min, Long.MAX_VALUE);
    }

    /** From {@code min} to {@code max}. */
    public static Range between(long min, long max) {
        return new Range(min, max);
    }

    /** Whether {@code value} is within the range. */
    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** Whether {@code value}, a number with a fraction, is within the range. */
    public boolean contains(double value) {
        return value >= (double) min && value <= (double) max;
    }

    /** How the documentation and the problems show the range, e.g. {@code ≥ 1} or {@code between 1 and 25}. */
    public String describe() {
        if (equals(ANY)) {
            return "";
        }
        if (max == Long.MAX_VALUE) {
            return "≥ " + min;
        }
        return "between " + min + " and " + max;
    }
}
