/**
 * Sources: saved crawl, sitemap or batch requests of a knowledgebase, each optionally on a schedule (an interval or a
 * cron expression, in UTC). A sync of a source is an ordinary job carrying the source's id; {@link SourceScheduler}
 * starts the due ones, exactly once per due time across every process sharing the store.
 */
@NullMarked
package dev.gleaner.sources;

import org.jspecify.annotations.NullMarked;
