/** The benchmark harness: a command that prints numbers (run by {@code bin/bench}), never a timed test. */
@NullMarked
package dev.gleaner.bench;

import org.jspecify.annotations.NullMarked;
