package dev.gleaner.testsite;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * A small linked site served by a {@link TestSite} under one path prefix: an index page listing every entry, and one
 * short article per harbour town. Each town has an invented name found in no other article (of this almanac or of
 * another almanac with other towns; only the index lists them all), and its article opens with a sentence of its own,
 * so a query for that sentence has exactly one right answer. The index's text names its first and last town, so
 * the indexes of two almanacs are not one page to a crawler (which stores a page whose text it already has once).
 *
 * <p>It can hold requests: once {@link #holdRequestsFrom} names a crawler's {@code User-Agent}, that crawler's
 * requests for articles (not the index) are not answered until {@link #releaseHeld}: pages a worker claimed and is
 * stuck on, as when a process dies mid-fetch.
 */
public final class HarbourAlmanac {
    private static final String[] NAME_STARTS = {
        "Quill", "Marrow", "Brindle", "Tarn", "Saltor", "Wrenna", "Corrib", "Fallow", "Gannet", "Holm"
    };
    private static final String[] NAME_ENDS = {"wick", "mouth", "haven", "ness", "by", "sted"};
    /** How many distinct town names there are; almanacs on one test site use disjoint ranges of them. */
    public static final int TOWN_NAMES = NAME_STARTS.length * NAME_ENDS.length;

    private static final String[] BOATS = {
        "herring drifters", "crab boats", "pilot cutters", "oyster smacks", "lobster skiffs", "trading ketches"
    };
    private static final String[] LANDMARKS = {
        "north mole",
        "lifeboat slip",
        "chapel rock",
        "old breakwater",
        "lighthouse pier",
        "fish market",
        "customs house"
    };
    private static final String[] WINDS = {"north-easterly", "westerly", "southerly", "easterly", "north-westerly"};
    private static final String[] CATCHES = {"mackerel", "brown crab", "cod", "langoustine", "whiting", "sprats"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

    /** One town's article: its number in the almanac, its path on the site and the sentence only it has. */
    public record Entry(int number, String town, String path, String sentence) {}

    private final TestSite site;
    private final String prefix;
    private final List<Entry> entries;
    private final List<String> heldPaths = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile @Nullable String heldAgent;

    private HarbourAlmanac(TestSite site, String prefix, List<Entry> entries) {
        this.site = site;
        this.prefix = prefix;
        this.entries = entries;
    }

    /**
     * Serves an almanac of {@code towns} entries at {@code prefix} (e.g. {@code /almanac/}) on {@code site}, its
     * towns named from number {@code firstTown} on.
     */
    public static HarbourAlmanac serve(TestSite site, String prefix, int towns, int firstTown) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a prefix starts and ends with /: " + prefix);
        }
        if (firstTown < 0 || firstTown + towns > TOWN_NAMES) {
            throw new IllegalArgumentException("there are " + TOWN_NAMES + " town names");
        }
        List<Entry> entries = IntStream.range(0, towns)
                .mapToObj(i -> entry(prefix, i, firstTown + i))
                .toList();
        HarbourAlmanac almanac = new HarbourAlmanac(site, prefix, entries);
        site.routeUnder(prefix, almanac::answer);
        return almanac;
    }

    /** The index page, the seed of a crawl of the whole almanac. */
    public URI indexUrl() {
        return site.url(prefix);
    }

    /** Every page a crawl from {@link #indexUrl} stores: the index, then the entries. */
    public List<String> pageUrls() {
        List<String> urls = new ArrayList<>();
        urls.add(indexUrl().toString());
        entries.forEach(entry -> urls.add(site.url(entry.path()).toString()));
        return List.copyOf(urls);
    }

    public int pageCount() {
        return entries.size() + 1;
    }

    public List<Entry> entries() {
        return entries;
    }

    public String url(Entry entry) {
        return site.url(entry.path()).toString();
    }

    /** How many page requests of this almanac arrived with a {@code User-Agent} containing {@code agentMarker}. */
    public long pageRequestsFrom(String agentMarker) {
        return site.requests().stream()
                .filter(request -> request.pathAndQuery().startsWith(prefix))
                .filter(request -> Objects.requireNonNullElse(request.header("User-Agent"), "")
                        .contains(agentMarker))
                .count();
    }

    /** How many requests for {@code path} arrived with a {@code User-Agent} not containing {@code agentMarker}. */
    public long requestsNotFrom(String agentMarker, String path) {
        return site.requests().stream()
                .filter(request -> request.pathAndQuery().equals(path))
                .filter(request -> !Objects.requireNonNullElse(request.header("User-Agent"), "")
                        .contains(agentMarker))
                .count();
    }

    /** From now on, article requests whose {@code User-Agent} contains {@code agentMarker} wait for {@link #releaseHeld}. */
    public void holdRequestsFrom(String agentMarker) {
        heldAgent = agentMarker;
    }

    /** The paths of the requests held so far, in arrival order. */
    public List<String> held() {
        return List.copyOf(heldPaths);
    }

    /** Answers the held requests (to whoever still listens) and holds no more. */
    public void releaseHeld() {
        heldAgent = null;
        release.countDown();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        String marker = heldAgent;
        if (marker != null && agent != null && agent.contains(marker) && !path.equals(prefix)) {
            heldPaths.add(path);
            try {
                // Bounded, so a test that forgets to release leaves no thread behind for long.
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        String html = html(path);
        if (html == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private @Nullable String html(String path) {
        if (path.equals(prefix)) {
            return indexHtml();
        }
        return entries.stream()
                .filter(entry -> entry.path().equals(path))
                .findFirst()
                .map(this::entryHtml)
                .orElse(null);
    }

    private String indexHtml() {
        StringBuilder list = new StringBuilder();
        for (Entry entry : entries) {
            list.append("<li><a href=\"")
                    .append(entry.path().substring(prefix.length()))
                    .append("\">")
                    .append(entry.town())
                    .append("</a></li>\n");
        }
        return page(
                "Harbour Almanac",
                "<h1>Harbour Almanac</h1>\n<p>Notes on small harbours of the coast, gathered from harbour masters'"
                        + " logbooks, tide tables and the letters of readers. This volume covers " + entries.size()
                        + " harbours, from " + entries.getFirst().town() + " to "
                        + entries.getLast().town()
                        + ". Pick a town to read its entry.</p>\n<ul>\n" + list + "</ul>\n");
    }

    private String entryHtml(Entry entry) {
        int i = entry.number();
        String town = entry.town();
        Entry next = entries.get((i + 1) % entries.size());
        return page(
                town + " — Harbour Almanac",
                "<h1>" + town + "</h1>\n<p>" + entry.sentence() + "</p>\n<p>" + town + " still lands "
                        + CATCHES[i % CATCHES.length] + " every morning, and the quay market opens at "
                        + (5 + i % 4) + " o'clock on " + DAYS[i % DAYS.length] + "s.</p>\n<p>Tide tables for "
                        + town + " are printed in the appendix; its soundings were last taken by the county survey"
                        + " of " + (1900 + (i * 13) % 90) + ".</p>\n<p>Read on: <a href=\""
                        + next.path().substring(prefix.length()) + "\">the next harbour</a>. Back to the <a"
                        + " href=\"./\">index</a>.</p>\n");
    }

    private static String page(String title, String main) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title
                + "</title>\n</head>\n<body>\n<header><a href=\"./\">Harbour Almanac</a></header>\n<main>\n<article>\n"
                + main + "</article>\n</main>\n<footer><p>Compiled by volunteers of the coastal history society."
                + "</p></footer>\n</body>\n</html>\n";
    }

    private static Entry entry(String prefix, int number, int nameIndex) {
        String town = NAME_STARTS[nameIndex / NAME_ENDS.length] + NAME_ENDS[nameIndex % NAME_ENDS.length];
        String sentence = "In " + (1850 + (nameIndex * 37) % 120) + " the harbour master of " + town + " counted "
                + (3 + (nameIndex * 11) % 40) + " " + BOATS[nameIndex % BOATS.length] + " sheltering behind the "
                + LANDMARKS[nameIndex % LANDMARKS.length] + " during a " + WINDS[nameIndex % WINDS.length] + " gale.";
        return new Entry(number, town, prefix + town.toLowerCase(Locale.ROOT) + ".html", sentence);
    }
}
