package dev.gleaner.crawl;

import java.util.regex.Pattern;

/**
 * Runs a user-supplied pattern against a path with a budget of character reads, so a pattern with catastrophic
 * backtracking ends instead of pinning a worker. The budget is counted by a {@link CharSequence} wrapper because
 * {@link java.util.regex.Matcher} offers no step limit of its own.
 */
final class BoundedMatch implements CharSequence {
    private final String text;
    private final int offset;
    private final int length;
    private final int[] stepsLeft;

    private BoundedMatch(String text, int offset, int length, int[] stepsLeft) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.stepsLeft = stepsLeft;
    }

    /**
     * Whether {@code pattern} is found in {@code text}; {@code whenOverBudget} is the answer when the budget of
     * {@link Scope#MATCH_STEP_BUDGET} reads runs out first.
     */
    static boolean finds(Pattern pattern, String text, boolean whenOverBudget) {
        try {
            return pattern.matcher(new BoundedMatch(text, 0, text.length(), new int[] {Scope.MATCH_STEP_BUDGET}))
                    .find();
        } catch (OverBudget e) {
            return whenOverBudget;
        }
    }

    @Override
    public char charAt(int index) {
        if (--stepsLeft[0] < 0) {
            throw new OverBudget();
        }
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedMatch(text, offset + start, end - start, stepsLeft);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }

    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super("pattern match over budget", null, false, false);
        }
    }
}
