@NullMarked
package dev.gleaner.crawl;

import org.jspecify.annotations.NullMarked;
