package dev.gleaner.api;

import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.limits.AuthFailures;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.limits.RequestRate;

/**
 * The abuse limits the API applies: the per-key request rate, the failed-authentication throttle, the daily quotas
 * (uploads are charged here; pages by the crawl workers) and the per-owner stream limit in {@code limits}.
 */
public record AbuseServices(AbuseLimits limits, RequestRate rate, AuthFailures authFailures, DailyQuotas quotas) {}
