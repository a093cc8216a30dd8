package dev.gleaner.bench;

import dev.gleaner.ingest.SourcedChunk;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A documentation site as its generators emit it, with questions judged by section: {@code site/} holds the pages
 * (their path under {@code site/} is their URL path; {@code dir/index.html} is also served at {@code dir/}, and
 * {@code dir} redirects there), {@code queries.jsonl} the questions, {@code qrels.tsv} the relevant sections as
 * {@code page-path#anchor} (see {@link SectionIndex}), and {@code unanswerable.jsonl} questions the site does not
 * answer. The text {@code __ORIGIN__} in a page is replaced by the loopback site's origin (absolute canonical URLs).
 * The site is imported as a user would: one crawl from its index page.
 */
record DocSiteSet(
        Map<String, String> pages,
        SectionIndex sections,
        List<Question> queries,
        List<Question> unanswerable,
        Map<String, Map<String, Integer>> relevance)
        implements EvaluationSet {
    static final String SITE = "site";
    /** The most pages the crawl admits; the set has far fewer, so the crawl ends by running out of links. */
    static final int CRAWL_LIMIT = 2_000;

    static final String ORIGIN = "__ORIGIN__";
    private static final String INDEX = "index.html";
    /** A Markdown heading line, possibly inside list items: the heading's text is group 1. */
    private static final Pattern HEADING_LINE =
            Pattern.compile("\\s*(?:(?:[-*+]|\\d+\\.)\\s+)*#{1,6}\\s+(.+?)\\s*#*\\s*");

    DocSiteSet {
        pages = Map.copyOf(pages);
        queries = List.copyOf(queries);
        unanswerable = List.copyOf(unanswerable);
        relevance = Map.copyOf(relevance);
    }

    /**
     * Reads the set in {@code directory}.
     *
     * @throws IllegalArgumentException when a judgement names a section that no page has, listing every such one
     */
    static DocSiteSet read(Path directory) {
        Map<String, String> pages = pages(directory.resolve(SITE));
        SectionIndex sections = SectionIndex.of(pages);
        Map<String, Map<String, Integer>> relevance = SetFiles.qrels(directory.resolve("qrels.tsv"));
        var known = sections.units();
        var unknown = new TreeSet<String>();
        relevance.values().forEach(judged -> judged.keySet().stream()
                .filter(unit -> !known.contains(unit))
                .forEach(unknown::add));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("qrels.tsv in " + directory
                    + " names sections no page of site/ has (page-path#anchor): " + unknown);
        }
        List<Question> queries = SetFiles.questions(directory.resolve("queries.jsonl")).stream()
                .filter(question -> relevance.containsKey(question.id()))
                .toList();
        return new DocSiteSet(pages, sections, queries, SetFiles.unanswerable(directory), relevance);
    }

    @Override
    public String describe() {
        return pages.size() + " pages, " + sections.sectionCount() + " headings";
    }

    @Override
    public List<Map<String, Object>> publish(TestSite site) {
        pages.forEach((path, html) -> {
            String served = html.replace(ORIGIN, site.origin());
            site.page("/" + path, served);
            if (path.equals(INDEX) || path.endsWith("/" + INDEX)) {
                String directory = "/" + path.substring(0, path.length() - INDEX.length());
                site.page(directory, served);
                if (directory.length() > 1) {
                    site.redirect(directory.substring(0, directory.length() - 1), 301, directory);
                }
            }
        });
        return List.of(Map.of("url", site.origin() + "/", "mode", "crawl", "limit", CRAWL_LIMIT));
    }

    /** The section of the chunk's page its heading path places it in (see {@link SectionIndex#unitOf}). */
    @Override
    public String unitOf(SourcedChunk chunk) {
        String page = page(chunk.sourceUrl());
        return sections.unitOf(page, chunk.chunk().headingPath());
    }

    /**
     * The chunk's own section, then the sections whose headings its text holds (a Markdown heading line, also inside
     * a list item, naming a heading of the page) in order.
     */
    @Override
    public List<String> unitsOf(SourcedChunk chunk) {
        String page = page(chunk.sourceUrl());
        List<String> path = chunk.chunk().headingPath();
        Set<String> units = new LinkedHashSet<>();
        units.add(sections.unitOf(page, path));
        Set<String> known = sections.units();
        for (String line : chunk.chunk().content().lines().toList()) {
            Matcher heading = HEADING_LINE.matcher(line);
            if (heading.matches()) {
                List<String> inner = new ArrayList<>(path);
                inner.add(heading.group(1));
                String unit = sections.unitOf(page, inner);
                if (known.contains(unit)) {
                    units.add(unit);
                }
            }
        }
        return List.copyOf(units);
    }

    /** The site path of the page served at {@code url}: the path itself, or its {@code index.html}. */
    String page(@Nullable String url) {
        String path = url == null ? "" : URI.create(url).getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        if (pages.containsKey(path)) {
            return path;
        }
        String index = (path.isEmpty() || path.endsWith("/") ? path : path + "/") + INDEX;
        return pages.containsKey(index) ? index : path;
    }

    private static Map<String, String> pages(Path root) {
        Map<String, String> pages = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                pages.put(
                        root.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the site in " + root, e);
        }
        return pages;
    }
}
