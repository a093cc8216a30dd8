package dev.gleaner.limits;

import java.util.Optional;

/**
 * The per-owner usage counters, in the store every process shares. Adding is atomic: two processes adding at once
 * never both pass the maximum.
 */
public interface UsageStore {
    /** A counter's total after an attempt to add to it, and whether the amount was added. */
    record Usage(boolean added, long total) {}

    /**
     * Adds {@code amount} to the owner's counter of {@code kind} for the UTC day {@code epochDay} if the total stays at
     * most {@code max}; otherwise changes nothing.
     */
    Usage add(String ownerId, UsageKind kind, long epochDay, long amount, long max);

    /** Takes {@code amount} back from the counter (never below zero), for work charged but not done. */
    void subtract(String ownerId, UsageKind kind, long epochDay, long amount);

    /** The counter's total (0 when nothing was counted). */
    long used(String ownerId, UsageKind kind, long epochDay);

    /** Deletes the daily counters of every owner for days before {@code epochDay}; returns how many. */
    int deleteBefore(long epochDay);

    /** The owner of a project, for charging its jobs' pages. */
    Optional<String> ownerOfProject(String projectId);
}
