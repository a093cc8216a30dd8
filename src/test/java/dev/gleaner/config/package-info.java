@NullMarked
package dev.gleaner.config;

import org.jspecify.annotations.NullMarked;
