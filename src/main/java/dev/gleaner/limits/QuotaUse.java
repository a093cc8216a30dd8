package dev.gleaner.limits;

import java.time.Instant;

/**
 * The outcome of charging a daily quota.
 *
 * @param allowed whether the amount was charged (always true when the quota is off)
 * @param limit the daily quota, 0 when off
 * @param used the day's total after the attempt
 * @param epochDay the UTC day charged
 * @param resetsAt when the next day's quota starts (00:00 UTC)
 */
public record QuotaUse(UsageKind kind, boolean allowed, long limit, long used, long epochDay, Instant resetsAt) {}
