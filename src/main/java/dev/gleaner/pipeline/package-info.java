@NullMarked
package dev.gleaner.pipeline;

import org.jspecify.annotations.NullMarked;
