package dev.gleaner.webhooks;

import dev.gleaner.jobs.WebhookTarget;

/**
 * An event claimed for one attempt: its id, job, the owner of the job (whose secret signs it), name, body and target,
 * the attempts made before this one, and the claim ({@code workerId}) that {@link WebhookOutbox#record} must still
 * hold.
 */
public record Delivery(
        String id,
        String jobId,
        String ownerId,
        String event,
        String body,
        WebhookTarget target,
        int attemptsBefore,
        String workerId) {

    /** The number of the attempt this claim is for (1-based). */
    public int attempt() {
        return attemptsBefore + 1;
    }
}
