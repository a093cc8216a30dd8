package dev.gleaner.client;

/** What {@link JobStream} delivers job states to, and asks whether to go on. Called on the following thread. */
public interface JobSink {
    /** A job's latest state (from the snapshot or a change). */
    void job(JobState job);

    /** The snapshot of the knowledgebase's jobs is complete (after each (re)connection or poll). */
    void ready();

    /** True once nothing more is wanted: following stops. */
    boolean finished();
}
