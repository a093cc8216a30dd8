package dev.gleaner.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration that breaks one or more rules; {@link #problems()} lists every one, each naming the setting's flag
 * and the value given (e.g. {@code --workers must be ≥ 1, was 0}).
 */
public final class InvalidConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order of the table. */
    public List<String> problems() {
        return problems;
    }

    /**
     * These problems after {@code earlier} ones: those of values the command line could not even read into the
     * configuration (an unknown {@code --role}), which come first in the table.
     */
    public InvalidConfigurationException withFirst(List<String> earlier) {
        List<String> all = new ArrayList<>(earlier);
        all.addAll(problems);
        return new InvalidConfigurationException(all);
    }
}
