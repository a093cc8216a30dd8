package dev.gleaner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One page of the extraction fixtures ({@code src/test/resources/extraction/NAME.html}) with the sentences its main
 * text must keep and the boilerplate it must drop ({@code NAME.expected.txt}: lines {@code keep: …} and
 * {@code drop: …}; other lines are comments). Sentences are compared with whitespace collapsed and Markdown code
 * marks and escapes ignored. A fixture of a site generator's family also names, with {@code heading: …} lines, every
 * Markdown heading line its text must have, in order (anchors included), and with {@code line: …} lines that must
 * appear verbatim as whole lines (code fences, bold terms, admonition quotes, table rows).
 */
@SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
public record ExtractionFixture(
        String name,
        byte[] html,
        List<String> mustKeep,
        List<String> mustDrop,
        List<String> headings,
        List<String> lines) {
    public static final String RESOURCE_DIRECTORY = "extraction";

    public ExtractionFixture {
        mustKeep = List.copyOf(mustKeep);
        mustDrop = List.copyOf(mustDrop);
        headings = List.copyOf(headings);
        lines = List.copyOf(lines);
    }

    /** Every fixture, by name. */
    public static List<ExtractionFixture> all() {
        URL directory = ExtractionFixture.class.getClassLoader().getResource(RESOURCE_DIRECTORY);
        if (directory == null) {
            throw new IllegalStateException("no " + RESOURCE_DIRECTORY + " directory on the class path");
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            List<ExtractionFixture> fixtures = new ArrayList<>();
            for (Path page : files.filter(file -> file.toString().endsWith(".html"))
                    .sorted()
                    .toList()) {
                fixtures.add(read(page));
            }
            return fixtures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExtractionFixture read(Path page) throws IOException {
        String name = page.getFileName().toString().replaceFirst("\\.html$", "");
        List<String> keep = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(page.resolveSibling(name + ".expected.txt"))) {
            if (line.startsWith("keep: ")) {
                keep.add(line.substring("keep: ".length()).strip());
            } else if (line.startsWith("drop: ")) {
                drop.add(line.substring("drop: ".length()).strip());
            } else if (line.startsWith("heading: ")) {
                headings.add(line.substring("heading: ".length()).strip());
            } else if (line.startsWith("line: ")) {
                lines.add(line.substring("line: ".length()).stripTrailing());
            }
        }
        return new ExtractionFixture(name, Files.readAllBytes(page), keep, drop, headings, lines);
    }

    /** The must-keep sentences {@code text} lacks. */
    public List<String> missing(String text) {
        String comparable = comparable(text);
        return mustKeep.stream()
                .filter(sentence -> !comparable.contains(comparable(sentence)))
                .toList();
    }

    /** The must-drop sentences {@code text} still holds. */
    public List<String> leaked(String text) {
        String comparable = comparable(text);
        return mustDrop.stream()
                .filter(sentence -> comparable.contains(comparable(sentence)))
                .toList();
    }

    private static String comparable(String text) {
        return text.replace("\\|", "|")
                .replace("\\#", "#")
                .replace("`", "")
                .replaceAll("\\s+", " ")
                .strip();
    }
}
