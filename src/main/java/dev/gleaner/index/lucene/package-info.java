@NullMarked
package dev.gleaner.index.lucene;

import org.jspecify.annotations.NullMarked;
