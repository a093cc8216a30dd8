package dev.gleaner.api;

import dev.gleaner.auth.EventTokens;
import dev.gleaner.events.EventSettings;
import dev.gleaner.events.JobFeed;
import java.time.Clock;

/**
 * What the job events routes need besides the job service: the process's one {@link JobFeed}, the stream tokens, the
 * stream settings and the clock the throttle and heartbeat run on.
 */
public record EventServices(JobFeed feed, EventTokens tokens, EventSettings settings, Clock clock) {}
