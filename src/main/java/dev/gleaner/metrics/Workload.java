package dev.gleaner.metrics;

/**
 * The work the whole deployment holds, read from the shared store (so every process reports the same numbers). Each
 * call is one small counting query.
 */
public interface Workload {
    /** URLs waiting to be claimed, of every job. */
    long pendingUrls();

    /** Jobs whose status is {@code running}. */
    long runningJobs();

    /** Datasets (documents) stored, of every knowledgebase. */
    long datasets();
}
