package dev.gleaner.ingest;

/**
 * How documents are parsed: in a pool of parser processes ({@link ParserProcessPool}), each a JVM with a heap of its
 * own, under {@link DocumentLimits}.
 *
 * @param processes the most parser processes at once, and so the most documents parsed at once; more wait their turn
 * @param heapMegabytes the heap of each parser process ({@code -Xmx}); a document needing more ends as too large
 * @param limits the limits of each document
 */
public record ParserSettings(int processes, int heapMegabytes, DocumentLimits limits) {
    public ParserSettings {
        if (processes < 1 || heapMegabytes < 32) {
            throw new IllegalArgumentException("processes must be at least 1 and heapMegabytes at least 32");
        }
    }

    public ParserSettings withLimits(DocumentLimits other) {
        return new ParserSettings(processes, heapMegabytes, other);
    }

    public ParserSettings withProcesses(int count, int heap) {
        return new ParserSettings(count, heap, limits);
    }
}
