@NullMarked
package dev.gleaner.client;

import org.jspecify.annotations.NullMarked;
