@NullMarked
package dev.gleaner.ingest;

import org.jspecify.annotations.NullMarked;
