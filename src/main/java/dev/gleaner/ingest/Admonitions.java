package dev.gleaner.ingest;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Admonitions (notes, tips, warnings) as site generators emit them: Sphinx and MkDocs {@code div.admonition},
 * Docusaurus {@code theme-admonition}, GitHub {@code markdown-alert}, Confluence {@code confluence-information-macro},
 * MkDocs Material's collapsible {@code details.warning}, Starlight asides, callouts, and DocBook's {@code div.note} with its title heading. Their title ("Note", "Warning")
 * comes from their title element, else from their class.
 */
final class Admonitions {
    private static final Pattern FRAMEWORK = Pattern.compile(
            "(?i)(?:^|\\s)(admonition|theme-admonition|markdown-alert|confluence-information-macro|callout"
                    + "|starlight-aside)(?:\\s|$)");
    private static final Pattern DOCBOOK =
            Pattern.compile("(?i)^\\s*(note|tip|warning|caution|important|danger|attention|hint|seealso)\\s*$");
    private static final Pattern TITLE_CLASS = Pattern.compile(
            "(?i)(?:^|\\s)(admonition-title|admonition-heading|admonitionheading\\w*|markdown-alert-title|title"
                    + "|callout-title|starlight-aside__title|confluence-information-macro-title)(?:\\s|$)");
    private static final Pattern KIND = Pattern.compile(
            "(?i)(?:^|[\\s_-])(note|tip|info|information|warning|caution|danger|important|success|error|example"
                    + "|question|abstract|bug|failure|seealso|hint|attention|check)(?:[\\s_-]|$)");

    private Admonitions() {}

    /** Whether {@code element} is an admonition. */
    static boolean isAdmonition(Element element) {
        if (!(element.nameIs("div")
                || element.nameIs("aside")
                || element.nameIs("details")
                || element.nameIs("section")
                || element.nameIs("blockquote"))) {
            return false;
        }
        String classes = element.className();
        if (classes.isEmpty()) {
            return false;
        }
        if (FRAMEWORK.matcher(classes).find()) {
            return true;
        }
        if (element.nameIs("details")) {
            // MkDocs Material's collapsible admonitions: <details class="warning"><summary>Title</summary>…
            return KIND.matcher(classes).find();
        }
        Element first = element.firstElementChild();
        return DOCBOOK.matcher(classes).matches()
                && first != null
                && (Headings.level(first) > 0
                        || TITLE_CLASS.matcher(first.className()).find());
    }

    /** The element holding an admonition's title, or null: a titled child among its first ones, or its summary. */
    static @Nullable Element titleElement(Element admonition) {
        int inspected = 0;
        for (Element child : admonition.children()) {
            if (++inspected > 3) {
                break;
            }
            if (child.nameIs("summary")
                    || Headings.level(child) > 0
                    || TITLE_CLASS.matcher(child.className()).find()) {
                return child;
            }
        }
        return null;
    }

    /** The admonition's title without a trailing colon: its title element's text, else its kind from its class. */
    static String title(Element admonition, @Nullable Element titleElement) {
        String title = titleElement == null ? "" : Headings.text(titleElement).replaceFirst("\\s*:$", "");
        if (title.isEmpty()) {
            String classes = admonition.className().replaceAll("(?i)confluence-information-macro-?", " ");
            Matcher kind = KIND.matcher(classes);
            title = kind.find() ? kind.group(1).toLowerCase(Locale.ROOT) : "Note";
            if (title.equals("information")) {
                title = "info";
            }
        }
        boolean shouted = title.equals(title.toLowerCase(Locale.ROOT)) || title.equals(title.toUpperCase(Locale.ROOT));
        return shouted && title.length() > 1
                ? title.substring(0, 1).toUpperCase(Locale.ROOT)
                        + title.substring(1).toLowerCase(Locale.ROOT)
                : title;
    }
}
