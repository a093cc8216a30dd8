@NullMarked
package dev.gleaner.uploads;

import org.jspecify.annotations.NullMarked;
