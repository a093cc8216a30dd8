@NullMarked
package dev.gleaner.api;

import org.jspecify.annotations.NullMarked;
