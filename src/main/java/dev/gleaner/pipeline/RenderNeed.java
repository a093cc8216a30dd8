package dev.gleaner.pipeline;

import dev.gleaner.jobs.RenderMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a fetched HTML page is rendered in a browser before its text is read. {@code always}: every HTML page;
 * {@code never}: none; {@code auto}: a page that shows its text only with JavaScript, which is one of
 *
 * <ul>
 *   <li>a page with a {@code <script>} and almost no text: fewer than {@link #MIN_TEXT_CHARS} characters once read
 *       (the empty shell of a single-page application);
 *   <li>a page whose {@code <noscript>} asks for JavaScript ("You need to enable JavaScript to run this app", "Please
 *       turn on JavaScript"); a notice that only states it ("JavaScript is disabled", as Javadoc pages have) does not
 *       ask.
 * </ul>
 *
 * A pure function of the page: the same page is always decided the same way.
 */
public final class RenderNeed {
    /** A page with scripts and less text than this (characters of its read text, spaces excluded) is rendered. */
    public static final int MIN_TEXT_CHARS = 200;
    /** Only the start of a page is searched for its scripts and notices (they sit in its head or body's start). */
    static final int SCANNED_CHARS = 1024 * 1024;

    private static final Pattern SCRIPT = Pattern.compile("<script[\\s>]", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOSCRIPT =
            Pattern.compile("<noscript[^>]*>(.{0,2000}?)</noscript>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ASKS_FOR_JAVASCRIPT = Pattern.compile(
            "\\b(enable|turn on|switch on|activate|allow|need|needs|require|requires|required|must have)\\b"
                    + "[^.!?]{0,40}\\bjavascript\\b|\\bjavascript\\b[^.!?]{0,20}\\b(is )?(required|needed)\\b",
            Pattern.CASE_INSENSITIVE);

    private RenderNeed() {}

    /** Whether the page whose markup is {@code html} and whose read text is {@code text} is rendered under {@code mode}. */
    public static boolean needed(RenderMode mode, String html, String text) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> {
                String scanned = html.length() > SCANNED_CHARS ? html.substring(0, SCANNED_CHARS) : html;
                yield (SCRIPT.matcher(scanned).find() && visibleChars(text) < MIN_TEXT_CHARS)
                        || asksForJavaScript(scanned);
            }
        };
    }

    private static boolean asksForJavaScript(String html) {
        Matcher noscript = NOSCRIPT.matcher(html);
        while (noscript.find()) {
            String notice = noscript.group(1).replaceAll("<[^>]*>", " ");
            if (ASKS_FOR_JAVASCRIPT.matcher(notice).find()) {
                return true;
            }
        }
        return false;
    }

    private static int visibleChars(String text) {
        int count = 0;
        for (int i = 0; i < text.length() && count < MIN_TEXT_CHARS; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
