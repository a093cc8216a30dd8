/**
 * Abuse limits: the per-key request rate ({@link RequestRate}, a token bucket per key in each process), the slowing of
 * failed authentication per client address ({@link AuthFailures}, per process), and the per-owner daily quotas of
 * crawled pages and uploaded bytes ({@link DailyQuotas}, counted in the shared store through the {@link UsageStore}
 * port so that every process of a deployment enforces one total).
 */
@NullMarked
package dev.gleaner.limits;

import org.jspecify.annotations.NullMarked;
