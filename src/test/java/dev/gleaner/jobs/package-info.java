@NullMarked
package dev.gleaner.jobs;

import org.jspecify.annotations.NullMarked;
