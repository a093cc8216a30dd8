/**
 * The process's metrics, in Micrometer and served in the Prometheus text format: decorators of the features' ports that
 * measure what passes through them ({@link dev.gleaner.metrics.MeteredFetcher}, {@link
 * dev.gleaner.metrics.MeteredEmbedder}, {@link dev.gleaner.metrics.MeteredFrontier}, {@link
 * dev.gleaner.metrics.MeteredQueries}), gauges of the process's state ({@link dev.gleaner.metrics.ProcessGauges}, the
 * {@link dev.gleaner.metrics.Workload} port read from the store) and the JVM's own. Only this package imports
 * Micrometer; {@code cli} wires the decorators around the real objects. Every metric is listed in
 * {@code docs/metrics.md}.
 */
@NullMarked
package dev.gleaner.metrics;

import org.jspecify.annotations.NullMarked;
