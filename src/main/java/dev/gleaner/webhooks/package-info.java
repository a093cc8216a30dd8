/**
 * Webhook delivery: the events of jobs that asked for a webhook are written to an outbox in the transactions that
 * change the job, and a {@link dev.gleaner.webhooks.WebhookDispatcher} sends them, signed, in order per job, with
 * retries.
 */
@NullMarked
package dev.gleaner.webhooks;

import org.jspecify.annotations.NullMarked;
