package dev.gleaner.index.lucene;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * What each commit's user data records besides the documents: the version of the document layout
 * ({@link LuceneIndex#FORMAT}), so that an index written by older code, whose documents lack fields this code searches,
 * is recognised and rebuilt; and the change-feed position the documents reflect, so that a restarted process resumes
 * from it.
 */
final class DocumentFormat {
    private static final String KEY = "gleaner.format";
    private static final String POSITION = "gleaner.position";

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
     * The position the directory's last commit recorded; empty when there is no commit, or it recorded none (written
     * before the change feed existed) or one in another format.
     */
    static OptionalLong position(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return OptionalLong.empty();
        }
        Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
        String position = data.get(POSITION);
        if (position == null || !LuceneIndex.FORMAT.equals(data.get(KEY))) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(position));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Records the current format and {@code position} (when known) in the writer's next commits; {@code asChange}
     * makes the next commit happen even when no document changed.
     */
    static void mark(IndexWriter writer, OptionalLong position, boolean asChange) {
        Map<String, String> data = position.isPresent()
                ? Map.of(KEY, LuceneIndex.FORMAT, POSITION, Long.toString(position.getAsLong()))
                : Map.of(KEY, LuceneIndex.FORMAT);
        writer.setLiveCommitData(data.entrySet(), asChange);
    }
}
