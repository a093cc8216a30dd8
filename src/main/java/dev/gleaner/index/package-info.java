@NullMarked
package dev.gleaner.index;

import org.jspecify.annotations.NullMarked;
