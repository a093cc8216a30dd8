@NullMarked
package dev.gleaner.auth;

import org.jspecify.annotations.NullMarked;
