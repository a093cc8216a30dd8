/**
 * The command line's side of the HTTP API: an authenticated JSON client ({@link dev.gleaner.client.ApiClient}),
 * knowledgebase lookup by id or name, the job events stream with reconnection and a polling fallback, and the
 * terminal rendering of job progress. Talks to a running server only; never opens the store.
 */
@NullMarked
package dev.gleaner.client;

import org.jspecify.annotations.NullMarked;
