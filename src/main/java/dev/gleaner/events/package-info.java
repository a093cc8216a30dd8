@NullMarked
package dev.gleaner.events;

import org.jspecify.annotations.NullMarked;
