@NullMarked
package dev.gleaner.catalog;

import org.jspecify.annotations.NullMarked;
