package dev.gleaner.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The stored events waiting for delivery, written by the job store in the transactions that change the jobs they
 * report. The contract, across every process sharing the store:
 *
 * <ul>
 *   <li>{@link #claim} hands out only the oldest pending event of a job (so a job's events go out strictly in order),
 *       only when it is due, and only when no live claim holds it: an event is never with two workers at once. A claim
 *       expires after {@code leaseFor}, so the event of a worker that died is claimed again.
 *   <li>{@link #record} adds the attempt to the log and moves the event on (delivered, failed, or pending until
 *       {@code nextAttemptAt}), only if the claim is still held; otherwise it writes nothing and answers false.
 * </ul>
 */
public interface WebhookOutbox {
    /** Claims the due head events of at most {@code max} jobs for {@code workerId}. */
    List<Delivery> claim(String workerId, int max, Instant now, Duration leaseFor);

    /**
     * Records an attempt of a claimed event and its new status; {@code nextAttemptAt} is set for {@code PENDING} only.
     */
    boolean record(Delivery delivery, DeliveryAttempt attempt, DeliveryStatus status, @Nullable Instant nextAttemptAt);

    /**
     * A page of the delivery log of a job of the knowledgebase, at most {@code limit} events after {@code cursor};
     * empty when there is no such job. A cursor this store did not return is an {@link IllegalArgumentException}.
     */
    Optional<EventLogPage> log(String knowledgebaseId, String jobId, int limit, @Nullable String cursor);
}
