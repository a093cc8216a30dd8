package dev.gleaner.ingest;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parser process that misbehaves on purpose once asked to read a document whose content type names how: {@code
 * hang} never answers, {@code oom} fills its heap until the JVM gives up, {@code exit} ends with status 1; any other
 * document is read by {@link DocumentExtractor} as in {@link ParserChild}.
 */
public final class MisbehavingParserChild {
    private MisbehavingParserChild() {}

    @SuppressWarnings("ModifiedButNotUsed") // the "oom" case fills a list only to exhaust the heap
    public static void main(String[] args) throws IOException, InterruptedException {
        DataOutputStream out = new DataOutputStream(new FileOutputStream(FileDescriptor.out));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        DocumentLimits limits = ParserChild.limits(args);
        DocumentExtractor extractor = new DocumentExtractor(limits, java.time.Clock.systemUTC());
        out.writeByte(ParserProtocol.READY);
        out.flush();
        while (true) {
            ParserProtocol.Request request = ParserProtocol.readRequest(in, limits.maxDocumentBytes());
            String how = String.valueOf(request.contentType());
            switch (how) {
                case "hang" -> Thread.sleep(Long.MAX_VALUE);
                case "oom" -> {
                    List<long[]> hog = new ArrayList<>();
                    while (true) {
                        hog.add(new long[1 << 20]);
                    }
                }
                case "exit" -> System.exit(1);
                default ->
                    ParserProtocol.writeReading(
                            out, extractor.extract(request.body(), request.contentType(), request.source()));
            }
        }
    }
}
