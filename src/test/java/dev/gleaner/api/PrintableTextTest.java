package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What counts as blank, and which characters a name or a query may not hold. */
class PrintableTextTest {

    @Test
    void whitespaceFormatAndControlCharactersAloneAreBlank() {
        for (String blank : List.of(
                "",
                " \t\n",
                "\u0000",
                "\u200b",
                "\u200b\u200c\u200d\u2060\ufeff",
                "\u00a0\u2007\u202f\u3000",
                "\u00ad",
                "\u115f\u3164",
                "\u2800",
                "\u001f\u007f\u0085")) {
            assertThat(PrintableText.isBlank(blank)).as(escaped(blank)).isTrue();
        }
        for (String visible : List.of("a", " a ", "\u200bx", "文", "\ud83d\udcda", "-", "0")) {
            assertThat(PrintableText.isBlank(visible)).as(escaped(visible)).isFalse();
        }
    }

    @Test
    void controlCharactersAreNamedWithTheirPosition() {
        assertThat(PrintableText.problem("ab\u0000c"))
                .isEqualTo("must not contain control characters (U+0000 at position 2)");
        assertThat(PrintableText.problem("tab\there")).contains("U+0009");
        assertThat(PrintableText.problem("del\u007f")).contains("U+007F");
        assertThat(PrintableText.problem("c1\u0085")).contains("U+0085");
    }

    @Test
    void tabsAndLineBreaksAreAllowedInMultilineText() {
        assertThat(PrintableText.problem("what is\ngleaner?\r\n\tindented", true))
                .isNull();
        assertThat(PrintableText.problem("what\u0000is", true)).contains("U+0000");
    }

    @Test
    void unpairedSurrogatesAreInvalidUtf16() {
        assertThat(PrintableText.problem("\ud800"))
                .isEqualTo("must be valid UTF-16 text (an unpaired surrogate is at position 0)");
        assertThat(PrintableText.problem("x\udc00")).contains("position 1");
        assertThat(PrintableText.problem("\ud800\ud800\udc00")).contains("position 0");
        assertThat(PrintableText.problem("pair \ud83d\udcda ok")).isNull();
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(String.format(Locale.ROOT, "\\u%04x", c)));
        return out.toString();
    }
}
