package dev.gleaner.cli;

import dev.gleaner.config.ParsingConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How documents are parsed. Defaults: {@link SettingDefaults}. */
final class ParsingOptions {
    @Option(
            names = "--parser-processes",
            description =
                    "Parser processes (JVMs) reading PDF and office documents; the most documents parsed at once.")
    int processes;

    @Option(
            names = "--parser-heap-mb",
            description = "Heap of each parser process; a document needing more fails as too large.")
    int heapMegabytes;

    @Option(
            names = "--parse-timeout-seconds",
            description = "Longest parse of one document; its parser process is killed after it.")
    long parseTimeoutSeconds;

    @Option(
            names = "--max-document-unpacked-mb",
            description = "Largest unpacked size of a zip-based document (DOCX, ODT).")
    long maxUnpackedMegabytes;

    @Option(names = "--max-document-parts", description = "Most zip entries of a zip-based document (DOCX, ODT).")
    int maxParts;

    @Option(
            names = "--max-inflate-ratio",
            description = "Largest unpacked-to-packed size ratio of a part of a zip-based document.")
    int maxInflateRatio;

    ParsingConfig config() {
        return new ParsingConfig(
                processes,
                heapMegabytes,
                Duration.ofSeconds(parseTimeoutSeconds),
                maxUnpackedMegabytes,
                maxParts,
                maxInflateRatio);
    }
}
