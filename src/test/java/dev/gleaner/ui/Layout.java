package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;

/**
 * A layout check of the page as shown, at a desktop and at a phone's width: nothing wider than the viewport (no
 * horizontal scrolling), no visible control (button, field, menu, tab, progress bar) overlapping another, and no
 * scrollbar in the import tab strip. Each width gets a whole-page screenshot in {@code target/screenshots}.
 */
final class Layout {
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 800;
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    /**
     * Lists what is wrong with the current layout. Controls nested in one another (a check box in its label) are not an
     * overlap; a rectangle smaller than 2 px (visually hidden labels) is no visible control.
     */
    private static final String PROBLEMS =
            """
            const problems = [];
            const root = document.documentElement;
            if (root.scrollWidth > window.innerWidth) {
              problems.push(`page is ${root.scrollWidth}px wide in a ${window.innerWidth}px viewport`);
            }
            for (const tabs of document.querySelectorAll('.tabs')) {
              if (tabs.offsetParent !== null && (tabs.scrollHeight > tabs.clientHeight || tabs.scrollWidth > tabs.clientWidth)) {
                problems.push(`tab strip scrolls: ${tabs.scrollWidth}x${tabs.scrollHeight} in ${tabs.clientWidth}x${tabs.clientHeight}`);
              }
            }
            const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                + (e.textContent.trim() ? ` "${e.textContent.trim().slice(0, 30)}"` : '');
            const controls = [...document.querySelectorAll('button, input, select, textarea, progress, [role="tab"]')]
                .filter((e) => e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
                .map((e) => ({ e, r: e.getBoundingClientRect() }))
                .filter(({ r }) => r.width >= 2 && r.height >= 2);
            for (const { e, r } of controls) {
              if (r.right > window.innerWidth + 0.5 || r.left < -0.5) {
                problems.push(`${describe(e)} reaches past the viewport (${Math.round(r.left)}..${Math.round(r.right)})`);
              }
            }
            for (let i = 0; i < controls.length; i++) {
              for (let j = i + 1; j < controls.length; j++) {
                const a = controls[i], b = controls[j];
                if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
                const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
                const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
                if (w > 1 && h > 1) problems.push(`${describe(a.e)} overlaps ${describe(b.e)}`);
              }
            }
            return problems;
            """;

    private Layout() {}

    /** What is wrong with the layout as the page is shown now, at the browser's current size. */
    static List<String> problems(HeadlessChromium browser) {
        Object found = browser.driver().executeScript(PROBLEMS);
        return ((List<?>) Objects.requireNonNull(found))
                .stream().map(String::valueOf).toList();
    }

    /**
     * Checks the page at a desktop's and at a phone's size, saving {@code <name>-desktop.png} and {@code
     * <name>-phone.png}, and leaves the browser at the desktop size.
     */
    static void assertSoundAtDesktopAndPhoneWidth(HeadlessChromium browser, String name) {
        try {
            browser.viewport(DESKTOP_WIDTH, DESKTOP_HEIGHT);
            browser.screenshot(name + "-desktop");
            assertThat(problems(browser))
                    .as("layout at %dx%d", DESKTOP_WIDTH, DESKTOP_HEIGHT)
                    .isEmpty();
            browser.viewport(PHONE_WIDTH, PHONE_HEIGHT);
            browser.screenshot(name + "-phone");
            assertThat(problems(browser))
                    .as("layout at %dx%d", PHONE_WIDTH, PHONE_HEIGHT)
                    .isEmpty();
        } finally {
            browser.viewport(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        }
    }
}
