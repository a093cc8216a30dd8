package dev.gleaner.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The rules text a person names or asks something with must follow: it holds at least one visible character (Unicode
 * whitespace, format characters such as the zero-width space, and control characters do not count), no control
 * character (U+0000–U+001F, U+007F–U+009F) and no unpaired surrogate (invalid UTF-16, which no database can store as
 * text).
 */
final class PrintableText {
    private PrintableText() {}

    /** True when {@code text} has no visible character: only whitespace, format and control characters, or nothing. */
    static boolean isBlank(String text) {
        return text.codePoints().allMatch(PrintableText::isInvisible);
    }

    /** What is wrong with {@code text}, or null when it follows the rules (blankness aside: see {@link #isBlank}). */
    static @Nullable String problem(String text) {
        return problem(text, false);
    }

    /** As {@link #problem(String)}, but tabs and line breaks are allowed when {@code multiline} (a typed question). */
    static @Nullable String problem(String text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return unpaired(i);
            }
            if (Character.isLowSurrogate(c)) {
                return unpaired(i);
            }
            if (Character.isISOControl(c) && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) {
                return "must not contain control characters (U+" + String.format(Locale.ROOT, "%04X", (int) c)
                        + " at position " + i + ")";
            }
        }
        return null;
    }

    private static String unpaired(int position) {
        return "must be valid UTF-16 text (an unpaired surrogate is at position " + position + ")";
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || type == Character.FORMAT
                || type == Character.CONTROL
                || codePoint == '\u115F' // Hangul fillers and the braille blank render as nothing either
                || codePoint == '\u1160'
                || codePoint == '\u3164'
                || codePoint == '\uFFA0'
                || codePoint == '\u2800';
    }
}
