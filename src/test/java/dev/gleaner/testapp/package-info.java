/** Test support: the real application started on port 0 with a temporary data directory, and a client for its API. */
@NullMarked
package dev.gleaner.testapp;

import org.jspecify.annotations.NullMarked;
