package dev.gleaner.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The problems found while checking a configuration, gathered so that all of them are reported at once. */
final class Problems {
    private final List<String> found = new ArrayList<>();

    /** Notes a problem when {@code value} is outside the setting's range. */
    void inRange(Setting setting, long value) {
        if (!setting.range().contains(value)) {
            found.add(setting.option() + " must be " + setting.range().describe() + ", was " + value);
        }
    }

    /** Notes a problem when {@code value}, a number with a fraction, is outside the setting's range. */
    void inRange(Setting setting, double value) {
        if (!setting.range().contains(value)) {
            found.add(setting.option() + " must be " + setting.range().describe() + ", was " + shown(value));
        }
    }

    /** Notes a problem when {@code value}, counted in {@code unit} as the flag counts it, is outside the range. */
    void inRange(Setting setting, Duration value, TimeUnit unit) {
        inRange(setting, unit.convert(value));
    }

    /** Notes {@code problem} when {@code rule} does not hold. */
    void require(boolean rule, String problem) {
        if (!rule) {
            found.add(problem);
        }
    }

    /** Throws when anything was found. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidConfigurationException(found);
        }
    }

    /** A number as the command line would spell it. */
    static String shown(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e18
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
