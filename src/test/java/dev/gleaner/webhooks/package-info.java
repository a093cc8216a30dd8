@NullMarked
package dev.gleaner.webhooks;

import org.jspecify.annotations.NullMarked;
