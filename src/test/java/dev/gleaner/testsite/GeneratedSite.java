package dev.gleaner.testsite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The pages of the generated site "Field Notes": page 0 at {@code /site/}, page {@code i} at
 * {@code /site/page-i.html}. Each page is an article on one of the topics in {@code testsite/topics.txt} (cycled when
 * there are more pages than topics, with the paragraphs in another order and a paragraph of its own, so no two pages
 * have the same text), wrapped in header, navigation, footer, style and script noise. Every page links to the next
 * one, so a breadth-first crawl from page 0 reaches all of them, and to a few others.
 */
public final class GeneratedSite {
    /** Where the site lives on the server. */
    public static final String ROOT = "/site/";

    private static final String TOPICS_RESOURCE = "/testsite/topics.txt";
    private static final String[] PLACES = {
        "Aberdeen", "Bergen", "Cork", "Dunedin", "Halifax", "Hobart", "Kiel", "Lisbon", "Oulu", "Tromsø"
    };

    private final List<Topic> topics;
    private final int pages;

    /** One article subject: a title and its paragraphs. */
    public record Topic(String title, List<String> paragraphs) {}

    GeneratedSite(int pages) {
        if (pages < 1) {
            throw new IllegalArgumentException("a generated site needs at least one page");
        }
        this.pages = pages;
        this.topics = readTopics();
    }

    public int pageCount() {
        return pages;
    }

    /** The path of page {@code index}: {@code /site/} or {@code /site/page-<index>.html}. */
    public static String path(int index) {
        return index == 0 ? ROOT : ROOT + "page-" + index + ".html";
    }

    /** The page's title (its {@code <h1>}). */
    public String title(int index) {
        Topic topic = topicOf(index);
        int part = index / topics.size() + 1;
        return part == 1 ? topic.title() : topic.title() + ", part " + part;
    }

    /** The article's paragraphs as plain text, in page order. */
    public List<String> paragraphs(int index) {
        Topic topic = topicOf(index);
        int part = index / topics.size();
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < topic.paragraphs().size(); i++) {
            paragraphs.add(
                    topic.paragraphs().get((i + part) % topic.paragraphs().size()));
        }
        paragraphs.add(ownParagraph(index));
        return paragraphs;
    }

    /** The indexes of the pages page {@code index} links to from its article (next page first). */
    public List<Integer> links(int index) {
        Set<Integer> targets = new LinkedHashSet<>();
        for (int candidate : new int[] {index + 1, index + 7, index * 3 + 2, index - 1}) {
            int target = Math.floorMod(candidate, pages);
            if (target != index) {
                targets.add(target);
            }
        }
        return List.copyOf(targets);
    }

    /** The full HTML of page {@code index}; {@code origin} is e.g. {@code http://127.0.0.1:1234}. */
    public String html(int index, String origin) {
        StringBuilder html = new StringBuilder(8_192);
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>")
                .append(title(index))
                .append(" | Field Notes</title>\n")
                .append("<link rel=\"canonical\" href=\"")
                .append(origin)
                .append(path(index))
                .append("\">\n<style>body{font-family:Georgia,serif;max-width:42rem;margin:auto}")
                .append("nav a{margin-right:1rem}footer{color:#666}</style>\n")
                .append("<script>window.dataLayer=window.dataLayer||[];function track(){dataLayer.push(arguments)}")
                .append("track('page','")
                .append(path(index))
                .append("');</script>\n</head>\n<body>\n<a id=\"top\"></a>\n<header>\n")
                .append("<a class=\"brand\" href=\"/site/\">Field Notes</a>\n<nav>\n<a href=\"/site/\">Home</a>\n");
        for (int i = 1; i < Math.min(pages, 4); i++) {
            html.append("<a href=\"")
                    .append(path(i))
                    .append("\">")
                    .append(title(i))
                    .append("</a>\n");
        }
        html.append("<a href=\"#top\">Skip to content</a>\n</nav>\n</header>\n<main>\n<article>\n<h1>")
                .append(title(index))
                .append("</h1>\n");
        for (String paragraph : paragraphs(index)) {
            html.append("<p>").append(paragraph).append("</p>\n");
        }
        html.append("<h2>Further reading</h2>\n<ul>\n");
        for (int target : links(index)) {
            html.append("<li><a href=\"")
                    .append(relativeHref(target))
                    .append("\">")
                    .append(title(target))
                    .append("</a></li>\n");
        }
        html.append("</ul>\n</article>\n</main>\n<footer>\n")
                .append("<p>Field Notes is written by volunteers. Copyright 2024. All rights reserved.</p>\n")
                .append("<a href=\"/site/?utm_source=footer\">Back to the start</a>\n")
                .append("<a href=\"#top\">Back to top</a>\n</footer>\n")
                .append("<script>document.querySelectorAll('a').forEach(function(a){a.dataset.seen='1'});</script>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    private static String relativeHref(int target) {
        return target == 0 ? "./" : "page-" + target + ".html";
    }

    private String ownParagraph(int index) {
        Random random = new Random(index * 7_919L + 17);
        String place = PLACES[random.nextInt(PLACES.length)];
        int letters = 3 + random.nextInt(40);
        int year = 1950 + random.nextInt(70);
        return "These notes were gathered for page " + index + " of the collection. In " + year + " a reader from "
                + place + " sent " + letters + " letters about "
                + topicOf(index).title().toLowerCase(java.util.Locale.ROOT)
                + ", and several of the observations above come from that correspondence.";
    }

    private Topic topicOf(int index) {
        return topics.get(index % topics.size());
    }

    private static List<Topic> readTopics() {
        try (InputStream in = GeneratedSite.class.getResourceAsStream(TOPICS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + TOPICS_RESOURCE);
            }
            List<Topic> topics = new ArrayList<>();
            String title = "";
            List<String> paragraphs = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                if (line.startsWith("# ")) {
                    if (!title.isEmpty()) {
                        topics.add(new Topic(title, List.copyOf(paragraphs)));
                    }
                    title = line.substring(2).strip();
                    paragraphs.clear();
                } else if (!line.isBlank()) {
                    paragraphs.add(line.strip());
                }
            }
            topics.add(new Topic(title, List.copyOf(paragraphs)));
            return List.copyOf(topics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
