package dev.gleaner.config;

/** The settings of the {@link SettingGroup#PARSING} group, read into {@link ParsingConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum ParsingSetting implements Setting {
    PARSER_PROCESSES(Definition.of(
            "--parser-processes",
            "2",
            Range.atLeast(1),
            "parser processes reading PDF, DOCX, DOC, ODT and RTF documents (crawled or uploaded): the most"
                    + " documents parsed at once; more wait their turn. Each is a JVM of its own, started on first"
                    + " use and kept for the next documents")),
    PARSER_HEAP_MB(Definition.of(
            "--parser-heap-mb",
            "512",
            Range.atLeast(32),
            "heap (`-Xmx`) of each parser process; a document that needs more ends its process (not the service)"
                    + " and fails as \"too large when unpacked\"")),
    PARSE_TIMEOUT_SECONDS(Definition.of(
            "--parse-timeout-seconds",
            "30",
            Range.atLeast(1),
            "longest parse of one document; the parser gives up when it notices, and its process is killed 2 s"
                    + " later if it has not answered. The page or upload fails (\"parsing took longer than 30 s\")"
                    + " and is not retried")),
    MAX_DOCUMENT_UNPACKED_MB(Definition.of(
            "--max-document-unpacked-mb",
            "128",
            Range.atLeast(1),
            "a zip-based document (DOCX, ODT) whose parts unpack to more in all is refused before it is parsed")),
    MAX_DOCUMENT_PARTS(Definition.of(
            "--max-document-parts",
            "5000",
            Range.atLeast(1),
            "a zip-based document with more entries is refused before it is parsed")),
    MAX_INFLATE_RATIO(Definition.of(
            "--max-inflate-ratio",
            "100",
            Range.atLeast(1),
            "a part of a zip-based document that unpacks to more than this many times its packed size (past its"
                    + " first MB) marks a compression bomb: the document is refused before it is parsed"));

    private final Definition definition;

    ParsingSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.PARSING;
    }
}
