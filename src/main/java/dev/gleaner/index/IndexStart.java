package dev.gleaner.index;

import java.util.OptionalLong;

/**
 * How a process's search index is brought in step with the store when it opens: by applying the changes after the
 * position it recorded (resume), or by reading every stored chunk again (rebuild). A pure rule over what the index
 * and the feed report.
 *
 * @param rebuild whether the index is rebuilt
 * @param reason why, in words for the log; for a resume, from where
 */
public record IndexStart(boolean rebuild, String reason) {

    /**
     * Resumes when the index recorded a position the feed can still continue from; rebuilds when it was written in
     * another format, recorded no position (new, unreadable, or written before the feed), is behind what the feed has
     * pruned, or is ahead of the feed (an index of another database).
     */
    public static IndexStart decide(boolean otherFormat, OptionalLong position, long head, long prunedThrough) {
        if (otherFormat) {
            return rebuild("it was written in an older format");
        }
        if (position.isEmpty()) {
            return rebuild("it records no change-feed position (new, unreadable, or written by an older version)");
        }
        long at = position.getAsLong();
        if (at < prunedThrough) {
            return rebuild("it stopped at change " + at + " and the store kept changes only after " + prunedThrough);
        }
        if (at > head) {
            return rebuild(
                    "it reflects change " + at + " but the store has only " + head + " (an index of another database)");
        }
        return new IndexStart(false, "resuming after change " + at + " of " + head);
    }

    private static IndexStart rebuild(String reason) {
        return new IndexStart(true, reason);
    }
}
