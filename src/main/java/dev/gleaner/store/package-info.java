@NullMarked
package dev.gleaner.store;

import org.jspecify.annotations.NullMarked;
