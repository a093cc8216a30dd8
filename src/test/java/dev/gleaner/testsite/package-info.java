/** A real HTTP server on 127.0.0.1 with a generated site and misbehaving routes, for tests of every part. */
@NullMarked
package dev.gleaner.testsite;

import org.jspecify.annotations.NullMarked;
