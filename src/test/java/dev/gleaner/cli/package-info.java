@NullMarked
package dev.gleaner.cli;

import org.jspecify.annotations.NullMarked;
