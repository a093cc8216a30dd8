package dev.gleaner.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How documents (PDF, DOCX, …) are parsed ({@link ParsingSetting}): the parser processes and the configurable limits
 * of one document.
 *
 * @param processes the most parser processes, and so documents parsed, at once
 * @param heapMegabytes the heap of each parser process
 * @param parseTimeout the longest parse of one document
 * @param maxUnpackedMegabytes the largest unpacked size of a zip-based document
 * @param maxParts the most entries of a zip-based document
 * @param maxInflateRatio the largest unpacked-to-packed size ratio of a part of a zip-based document
 */
public record ParsingConfig(
        int processes,
        int heapMegabytes,
        Duration parseTimeout,
        long maxUnpackedMegabytes,
        int maxParts,
        int maxInflateRatio) {

    /** The table's defaults. */
    public static ParsingConfig defaults() {
        return new ParsingConfig(
                ParsingSetting.PARSER_PROCESSES.defaultInt(),
                ParsingSetting.PARSER_HEAP_MB.defaultInt(),
                Duration.ofSeconds(ParsingSetting.PARSE_TIMEOUT_SECONDS.defaultLong()),
                ParsingSetting.MAX_DOCUMENT_UNPACKED_MB.defaultLong(),
                ParsingSetting.MAX_DOCUMENT_PARTS.defaultInt(),
                ParsingSetting.MAX_INFLATE_RATIO.defaultInt());
    }

    /** This configuration with other parser processes. */
    public ParsingConfig withProcesses(int count, int heap) {
        return new ParsingConfig(count, heap, parseTimeout, maxUnpackedMegabytes, maxParts, maxInflateRatio);
    }

    void check(Problems problems) {
        problems.inRange(ParsingSetting.PARSER_PROCESSES, processes);
        problems.inRange(ParsingSetting.PARSER_HEAP_MB, heapMegabytes);
        problems.inRange(ParsingSetting.PARSE_TIMEOUT_SECONDS, parseTimeout, TimeUnit.SECONDS);
        problems.inRange(ParsingSetting.MAX_DOCUMENT_UNPACKED_MB, maxUnpackedMegabytes);
        problems.inRange(ParsingSetting.MAX_DOCUMENT_PARTS, maxParts);
        problems.inRange(ParsingSetting.MAX_INFLATE_RATIO, maxInflateRatio);
    }
}
