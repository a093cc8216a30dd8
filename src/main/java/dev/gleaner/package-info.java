/** Gleaner: crawl, extract, chunk, embed, index and query knowledgebases. Types shared by every capability. */
@NullMarked
package dev.gleaner;

import org.jspecify.annotations.NullMarked;
