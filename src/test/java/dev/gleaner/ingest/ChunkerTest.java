package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static final int MAX_WORD = 12;

    private final Chunker chunker = new Chunker();

    @Test
    void emptyAndBlankTextsGiveNoChunks() {
        assertThat(chunker.chunk("", 100, 10)).isEmpty();
        assertThat(chunker.chunk(" \n\n \t\n", 100, 10)).isEmpty();
    }

    @Test
    void aShortTextIsOneChunk() {
        List<ChunkText> chunks = chunker.chunk("Just one line.", 100, 10);

        assertThat(chunks).containsExactly(new ChunkText("Just one line.", 0, List.of()));
    }

    @Test
    void paragraphsArePackedWhileTheyFit() {
        String text = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph that is a bit longer.";

        List<ChunkText> chunks = chunker.chunk(text, 40, 0);

        assertThat(chunks)
                .extracting(ChunkText::content)
                .containsExactly("First paragraph.\n\nSecond paragraph.", "Third paragraph that is a bit longer.");
    }

    @Test
    void aHeadingsIdSuffixIsStrippedFromTheTextAndHeadingPathAndRecordedAsTheAnchor() {
        String text = "## Installing on Linux {#installing-on-linux}\n\nRun the installer.";

        List<ChunkText> chunks = chunker.chunk(text, 200, 0);

        assertThat(chunks)
                .containsExactly(new ChunkText(
                        "## Installing on Linux\n\nRun the installer.",
                        0,
                        List.of("Installing on Linux"),
                        "installing-on-linux"));
    }

    @Test
    void eachChunkTakesTheIdOfItsNearestHeadingThatHasOne() {
        String text = String.join(
                "\n\n",
                "# Guide {#guide}",
                "Intro " + "word ".repeat(20),
                "## Setup",
                "Setup " + "word ".repeat(20),
                "### Linux {#linux}",
                "Linux " + "word ".repeat(20),
                "## Usage {#usage}",
                "Usage " + "word ".repeat(20),
                "# Appendix",
                "Appendix " + "word ".repeat(20));

        List<ChunkText> chunks = chunker.chunk(text, 150, 0);

        assertThat(chunks)
                .extracting(ChunkText::headingPath, ChunkText::anchor)
                .containsExactly(
                        tuple(List.of("Guide"), "guide"),
                        tuple(List.of("Guide", "Setup"), "guide"),
                        tuple(List.of("Guide", "Setup", "Linux"), "linux"),
                        tuple(List.of("Guide", "Usage"), "usage"),
                        tuple(List.of("Appendix"), null));
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.content()).doesNotContain("{#"));
    }

    @Test
    void aChunkBeforeAnyHeadingHasNoAnchor() {
        String text = "Preface " + "word ".repeat(30) + "\n\n## Body {#body}\n\nBody " + "word ".repeat(30);

        List<ChunkText> chunks = chunker.chunk(text, 200, 0);

        assertThat(chunks).extracting(ChunkText::anchor).containsExactly(null, "body");
    }

    @Test
    void idSuffixesOutsideAHeadingLineAreLeftAsText() {
        String code = "```\n## not a heading {#in-code}\nx = {#y}\n```";
        String text = "## Real {#real}\n\n" + code + "\n\nA paragraph ending {#para}";

        List<ChunkText> chunks = chunker.chunk(text, 500, 0);

        assertThat(chunks)
                .containsExactly(new ChunkText(
                        "## Real\n\n" + code + "\n\nA paragraph ending {#para}", 0, List.of("Real"), "real"));
    }

    @Test
    void aHeadingTooLongForOnePieceLosesItsIdSuffixToo() {
        String title = "Long " + "heading ".repeat(30);
        String text = "## " + title.strip() + " {#long}\n\nBody text.";

        List<ChunkText> chunks = chunker.chunk(text, 120, 0);

        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.content()).doesNotContain("{#");
            assertThat(chunk.anchor()).isEqualTo("long");
        });
        assertThat(String.join(" ", chunks.stream().map(ChunkText::content).toList()))
                .contains("Body text.");
    }

    @Test
    void anIdTooLongToKeepFallsBackToTheParentSectionsId() {
        String longId = "x".repeat(Chunker.MAX_ANCHOR_CHARS + 1);
        String text = "# Top {#top}\n\n" + "Top " + "word ".repeat(30) + "\n\n## Deep {#" + longId + "}\n\nDeep "
                + "word ".repeat(30);

        List<ChunkText> chunks = chunker.chunk(text, 200, 0);

        assertThat(chunks)
                .extracting(ChunkText::headingPath, ChunkText::anchor)
                .containsExactly(tuple(List.of("Top"), "top"), tuple(List.of("Top", "Deep"), "top"));
        assertThat(chunks.get(1).content()).startsWith("## Deep\n\n");
    }

    @Test
    void randomTextsKeepEveryRuleOfChunking() {
        Random random = new Random(20240611L);
        for (int round = 0; round < 300; round++) {
            int size = 50 + random.nextInt(1951);
            int overlap = random.nextInt(size / 2);
            List<String> words = new ArrayList<>();
            String text = randomText(random, 1 + random.nextInt(4 * size), words);

            List<ChunkText> chunks = chunker.chunk(text, size, overlap);

            String context = "round " + round + " size " + size + " overlap " + overlap;
            assertThat(chunks).as(context).isNotEmpty();
            assertThat(chunks)
                    .extracting(ChunkText::position)
                    .as(context)
                    .containsExactlyElementsOf(
                            IntStream.range(0, chunks.size()).boxed().toList());
            for (ChunkText chunk : chunks) {
                assertThat(chunk.content().length()).as(context).isLessThanOrEqualTo(size);
                assertThat(chunk.content()).as(context).isNotBlank();
            }
            assertWordsInOrderWithOverlap(chunks, words, overlap, context);
        }
    }

    @Test
    void withoutOverlapTheChunksHoldTheWordsExactlyOnce() {
        Random random = new Random(7L);
        List<String> words = new ArrayList<>();
        String text = randomText(random, 5_000, words);

        List<String> chunkWords = chunker.chunk(text, 300, 0).stream()
                .flatMap(chunk -> tokens(chunk.content()).stream())
                .toList();

        assertThat(chunkWords).isEqualTo(words);
    }

    @Test
    void headingsAreRecordedAsThePathEachChunkStartsUnder() {
        String text = String.join(
                "\n\n",
                "# Guide",
                "The guide explains the tool in a few words.",
                "## Install",
                "Download the archive and unpack it somewhere on your disk.",
                "### Linux",
                "Use the package manager of your distribution to install it.",
                "## Use",
                "Run the tool with a file name and read what it prints.");

        List<ChunkText> chunks = chunker.chunk(text, 80, 20);

        assertThat(chunks)
                .filteredOn(chunk -> chunk.content().contains("Download"))
                .first()
                .extracting(ChunkText::headingPath)
                .isEqualTo(List.of("Guide", "Install"));
        assertThat(chunks)
                .filteredOn(chunk -> chunk.content().startsWith("### Linux"))
                .first()
                .extracting(ChunkText::headingPath)
                .isEqualTo(List.of("Guide", "Install", "Linux"));
        assertThat(chunks)
                .filteredOn(chunk -> chunk.content().contains("Run the tool"))
                .first()
                .extracting(ChunkText::headingPath)
                .isEqualTo(List.of("Guide", "Use"));
    }

    @Test
    void aHeadingOpensTheNextChunkInsteadOfEndingOne() {
        String paragraph = "A paragraph that cannot join the first one.";
        String text = "Some opening words here.\n\n## Next\n\n" + paragraph;

        List<ChunkText> chunks = chunker.chunk(text, 60, 10);

        assertThat(chunks)
                .extracting(ChunkText::content)
                .containsExactly("Some opening words here.", "## Next\n\n" + paragraph);
        assertThat(chunks.get(1).headingPath()).containsExactly("Next");
    }

    @Test
    void aChunkOpeningASectionCarriesNoOverlap() {
        String text = "Words before the section start here and go on.\n\n## Section\n\nBody of the section.";

        List<ChunkText> chunks = chunker.chunk(text, 50, 30);

        assertThat(chunks).extracting(ChunkText::content).last().asString().startsWith("## Section");
    }

    @Test
    void overlapRepeatsTheEndOfThePreviousChunkFromAWordStart() {
        String text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho";

        List<ChunkText> chunks = chunker.chunk(text, 40, 15);

        assertThat(chunks).hasSizeGreaterThan(1);
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1).content();
            String content = chunks.get(i).content();
            boolean startsWithWholeWordsOfThePrevious = IntStream.rangeClosed(1, 15)
                    .anyMatch(length -> length < content.length()
                            && content.charAt(length) == ' '
                            && previous.endsWith(" " + content.substring(0, length)));
            assertThat(startsWithWholeWordsOfThePrevious).as(content).isTrue();
        }
    }

    @Test
    void aWordLongerThanAChunkIsTheOnlyThingCut() {
        String longWord = "x".repeat(120);

        List<ChunkText> chunks = chunker.chunk("short " + longWord + " tail words", 50, 10);

        assertThat(chunks)
                .allSatisfy(chunk -> assertThat(chunk.content().length()).isLessThanOrEqualTo(50));
        assertThat(String.join("", chunks.stream().map(ChunkText::content).toList()))
                .contains(longWord);
        assertThat(chunks.getFirst().content()).isEqualTo("short");
        assertThat(chunks.getLast().content()).isEqualTo("x".repeat(20) + " tail words");
    }

    @Test
    void aHugeTextIsChunkedWithinTheSize() {
        Random random = new Random(99L);
        String text = randomText(random, 1_000_000, new ArrayList<>());

        List<ChunkText> chunks = chunker.chunk(text, 500, 50);

        assertThat(chunks).hasSizeGreaterThan(2_000);
        assertThat(chunks)
                .allSatisfy(chunk -> assertThat(chunk.content().length()).isLessThanOrEqualTo(500));
    }

    @Test
    void tinySizesStillKeepWordsWhole() {
        List<ChunkText> chunks = chunker.chunk("one two three four five six", 6, 5);

        assertThat(chunks)
                .allSatisfy(chunk -> assertThat(chunk.content().length()).isLessThanOrEqualTo(6));
        assertThat(chunks.stream()
                        .flatMap(chunk -> tokens(chunk.content()).stream())
                        .distinct())
                .containsExactly("one", "two", "three", "four", "five", "six");
    }

    @Test
    void aLongCodeBlockIsSplitBetweenLinesAndEachPieceIsFenced() {
        List<String> lines = IntStream.range(0, 60)
                .mapToObj(i -> i % 7 == 3 ? "" : "    value_" + i + " = compute(" + i + ", other)  # step " + i)
                .toList();
        String text = "```python\n" + String.join("\n", lines) + "\n```";

        List<ChunkText> chunks = chunker.chunk(text, 300, 40);

        assertThat(chunks).hasSizeGreaterThan(3);
        for (ChunkText chunk : chunks) {
            assertThat(chunk.content().length()).isLessThanOrEqualTo(300);
            assertThat(chunk.content()).startsWith("```python\n").endsWith("\n```");
            assertThat(chunk.content().split("\n"))
                    .filteredOn(line -> line.startsWith("```"))
                    .hasSize(2);
        }
        List<String> codeLines = chunks.stream()
                .flatMap(chunk -> Arrays.stream(chunk.content().split("\n", -1)))
                .filter(line -> !line.startsWith("```"))
                .toList();
        assertThat(codeLines).isEqualTo(lines);
    }

    @Test
    void aCodeLineLongerThanAChunkIsCutAtWhitespaceInsideFences() {
        String longLine = "call(" + "argument, ".repeat(20) + "last)";
        String text = "```\nshort();\n" + longLine + "\n```";

        List<ChunkText> chunks = chunker.chunk(text, 80, 10);

        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.content().length()).isLessThanOrEqualTo(80);
            assertThat(chunk.content()).startsWith("```\n").endsWith("\n```");
        });
        String rejoined = chunks.stream()
                .map(chunk -> chunk.content().substring(4, chunk.content().length() - 4))
                .reduce("", String::concat);
        assertThat(rejoined).isEqualTo("short();" + longLine);
    }

    @Test
    void aBlankLineInsideACodeFenceDoesNotSplitTheBlockOrStartAHeading() {
        String text = "```sh\n# install\n\nmake install\n```";

        List<ChunkText> chunks = chunker.chunk(text, 200, 20);

        assertThat(chunks).containsExactly(new ChunkText(text, 0, List.of()));
    }

    @Test
    void aSmallTailOfASectionTakesTextFromTheChunkBefore() {
        String sentence = "This sentence is one of several in a long section. ";
        String text = "## Long\n\n" + sentence.repeat(5) + "Tail.\n\n## Next\n\nOther text.";

        List<ChunkText> chunks = chunker.chunk(text, 200, 0);

        List<ChunkText> longSection = chunks.stream()
                .filter(chunk -> chunk.headingPath().equals(List.of("Long")))
                .toList();
        assertThat(longSection).hasSize(2);
        assertThat(longSection).allSatisfy(chunk -> assertThat(chunk.content().length())
                .isGreaterThanOrEqualTo(Chunker.minChunk(200)));
        assertThat(longSection.getLast().content()).endsWith("Tail.");
    }

    @Test
    void aShortIntroductionJoinsItsFirstSubsectionButSectionsOtherwiseStartChunks() {
        String text = "# Guide\n\nIntro.\n\n## Install\n\nRun the installer and follow the steps it shows you."
                + "\n\n## Use\n\nStart the program from a terminal and give it a file.";

        List<ChunkText> chunks = chunker.chunk(text, 200, 20);

        assertThat(chunks)
                .extracting(ChunkText::content)
                .containsExactly(
                        "# Guide\n\nIntro.\n\n## Install\n\nRun the installer and follow the steps it shows you.",
                        "## Use\n\nStart the program from a terminal and give it a file.");
        assertThat(chunks.get(1).headingPath()).containsExactly("Guide", "Use");
    }

    @Test
    void aChunkAfterCodeCarriesNoCodeAsOverlap() {
        String code = "```\n" + "x = 1\n".repeat(10) + "```";
        String prose = "word ".repeat(30).strip() + ".";
        List<ChunkText> chunks = chunker.chunk(code + "\n\n" + prose + "\n\n" + prose, 120, 30);

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.subList(1, chunks.size()))
                .allSatisfy(chunk -> assertThat(chunk.content()).doesNotContain("x = 1"));
    }

    @Test
    void rejectsAnOverlapNotSmallerThanTheSize() {
        assertThatThrownBy(() -> chunker.chunk("text", 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chunker.chunk("text", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chunker.chunk("text", 10, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Each chunk's words are a run of the input's words that starts inside (or right after) the previous run, the runs
     * cover all words, and the repeated words come from the end of the previous chunk within the overlap.
     */
    private static void assertWordsInOrderWithOverlap(
            List<ChunkText> chunks, List<String> words, int overlap, String context) {
        int previousStart = -1;
        int previousEnd = 0;
        for (int i = 0; i < chunks.size(); i++) {
            String content = chunks.get(i).content();
            List<String> chunkWords = tokens(content);
            int start = runStart(words, chunkWords, previousStart + 1, previousEnd);
            assertThat(start)
                    .as(context + " chunk " + i + " is not a run of the input: " + content)
                    .isNotNegative();
            int repeated = previousEnd - start;
            if (repeated > 0) {
                String overlapText = prefixOfWords(content, repeated);
                assertThat(overlapText.length()).as(context).isLessThanOrEqualTo(overlap);
                assertThat(chunks.get(i - 1).content()).as(context).endsWith(overlapText);
            }
            if (i > 0 && overlap > MAX_WORD + 2) {
                assertThat(repeated)
                        .as(context + " chunk " + i + " has no overlap")
                        .isPositive();
            }
            previousStart = start;
            previousEnd = start + chunkWords.size();
            assertThat(previousEnd).as(context).isGreaterThan(start);
        }
        assertThat(previousEnd).as(context + " all words covered").isEqualTo(words.size());
    }

    /** The last position in [from, to] where {@code run} occurs in {@code words}, or -1. */
    private static int runStart(List<String> words, List<String> run, int from, int to) {
        for (int start = Math.min(to, words.size()); start >= Math.max(0, from); start--) {
            if (start + run.size() <= words.size()
                    && words.subList(start, start + run.size()).equals(run)) {
                return start;
            }
        }
        return -1;
    }

    private static String prefixOfWords(String content, int wordCount) {
        int index = 0;
        for (int word = 0; word < wordCount; word++) {
            while (Character.isWhitespace(content.charAt(index))) {
                index++;
            }
            while (index < content.length() && !Character.isWhitespace(content.charAt(index))) {
                index++;
            }
        }
        return content.substring(0, index);
    }

    private static List<String> tokens(String text) {
        return Arrays.stream(text.strip().split("\\s+"))
                .filter(token -> !token.isEmpty())
                .toList();
    }

    /** Paragraphs of sentences of random words (1 to 12 letters), recording the words in {@code words}. */
    private static String randomText(Random random, int approximateLength, List<String> words) {
        StringBuilder text = new StringBuilder();
        while (text.length() < approximateLength) {
            if (!text.isEmpty()) {
                text.append(random.nextInt(4) == 0 ? "\n\n" : " ");
            }
            int sentenceWords = 1 + random.nextInt(random.nextInt(8) == 0 ? 120 : 20);
            for (int w = 0; w < sentenceWords; w++) {
                StringBuilder word = new StringBuilder();
                int length = 1 + random.nextInt(MAX_WORD - 1);
                for (int c = 0; c < length; c++) {
                    word.append((char) ('a' + random.nextInt(26)));
                }
                if (w == 0) {
                    word.setCharAt(0, Character.toUpperCase(word.charAt(0)));
                }
                if (w == sentenceWords - 1) {
                    word.append('.');
                }
                words.add(word.toString());
                text.append(word).append(w == sentenceWords - 1 ? "" : " ");
            }
        }
        return text.toString();
    }
}
