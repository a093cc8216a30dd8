package dev.gleaner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.jobs.RenderMode;
import org.junit.jupiter.api.Test;

/** When a fetched HTML page is rendered before it is read. */
class RenderNeedTest {
    private static final String SHELL =
            "<html><head><script src=\"/app.js\"></script></head><body><div id=\"root\"></div></body></html>";
    private static final String LONG_TEXT = "Harbour tides are charted twice a day. ".repeat(10);

    @Test
    void autoRendersAPageWithScriptsAndAlmostNoText() {
        assertThat(RenderNeed.needed(RenderMode.AUTO, SHELL, "")).isTrue();
        assertThat(RenderNeed.needed(RenderMode.AUTO, SHELL, "Loading…")).isTrue();
    }

    @Test
    void theThresholdCountsVisibleCharacters() {
        String justBelow = "x".repeat(RenderNeed.MIN_TEXT_CHARS - 1) + "\n\n   ";
        String atIt = "x".repeat(RenderNeed.MIN_TEXT_CHARS);

        assertThat(RenderNeed.needed(RenderMode.AUTO, SHELL, justBelow)).isTrue();
        assertThat(RenderNeed.needed(RenderMode.AUTO, SHELL, atIt)).isFalse();
    }

    @Test
    void autoLeavesAPageWithScriptsAndTextAsItIs() {
        assertThat(RenderNeed.needed(RenderMode.AUTO, SHELL, LONG_TEXT)).isFalse();
    }

    @Test
    void autoLeavesAShortPageWithoutScriptsAsItIs() {
        assertThat(RenderNeed.needed(RenderMode.AUTO, "<html><body><p>Short.</p></body></html>", "Short."))
                .isFalse();
        assertThat(RenderNeed.needed(RenderMode.AUTO, "<p>A <b>scripted</b> word: &lt;script&gt;</p>", "A"))
                .isFalse();
    }

    @Test
    void autoRendersAPageWhoseNoscriptAsksForJavaScriptWhateverItsText() {
        String app = "<html><body><noscript>You need to enable JavaScript to run this app.</noscript>" + "<nav>"
                + LONG_TEXT + "</nav></body></html>";
        String turnOn = "<noscript><p>Please <b>turn on</b> JavaScript.</p></noscript>";
        String required = "<NOSCRIPT class=x>JavaScript is required.</NOSCRIPT>";

        assertThat(RenderNeed.needed(RenderMode.AUTO, app, LONG_TEXT)).isTrue();
        assertThat(RenderNeed.needed(RenderMode.AUTO, turnOn, LONG_TEXT)).isTrue();
        assertThat(RenderNeed.needed(RenderMode.AUTO, required, LONG_TEXT)).isTrue();
    }

    @Test
    void aNoscriptThatOnlyStatesJavaScriptIsOffDoesNotAsk() {
        String javadoc =
                "<script>loadScripts()</script><noscript>\n<div>JavaScript is disabled on your browser.</div>\n"
                        + "</noscript><main>" + LONG_TEXT + "</main>";
        String tracking = "<noscript><iframe src=\"https://tags.example/ns.html\"></iframe></noscript>";

        assertThat(RenderNeed.needed(RenderMode.AUTO, javadoc, LONG_TEXT)).isFalse();
        assertThat(RenderNeed.needed(RenderMode.AUTO, tracking, LONG_TEXT)).isFalse();
    }

    @Test
    void alwaysRendersEveryPageAndNeverNone() {
        assertThat(RenderNeed.needed(RenderMode.ALWAYS, "<p>plain</p>", LONG_TEXT))
                .isTrue();
        assertThat(RenderNeed.needed(RenderMode.NEVER, SHELL, "")).isFalse();
    }
}
