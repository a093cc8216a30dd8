package dev.gleaner.index.lucene;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * The version of the index's document layout ({@link LuceneIndex#FORMAT}), kept in each commit's user data, so that an
 * index written by older code, whose documents lack fields this code searches, is recognised and rebuilt.
 */
final class DocumentFormat {
    private static final String KEY = "gleaner.format";

    private DocumentFormat() {}

    /** Whether the directory's last commit holds documents of another format than {@link LuceneIndex#FORMAT}. */
    static boolean isOutdated(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return false;
        }
        SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
        return commit.totalMaxDoc() > 0
                && !LuceneIndex.FORMAT.equals(commit.getUserData().get(KEY));
    }

    /**
     * Records the current format in the writer's next commits; {@code asChange} makes the next commit happen even when
     * no document changed.
     */
    static void mark(IndexWriter writer, boolean asChange) {
        writer.setLiveCommitData(Map.of(KEY, LuceneIndex.FORMAT).entrySet(), asChange);
    }
}
