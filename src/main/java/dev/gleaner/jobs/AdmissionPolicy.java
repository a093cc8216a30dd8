package dev.gleaner.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Which URLs a job admits and how many jobs an owner may run, as pure functions. A URL without a skip reason is
 * admitted as pending while the job's {@code total} is below its limit, and recorded as skipped {@code overLimit}
 * after that; a URL with a skip reason is recorded as skipped with it. Each key counts once per job.
 */
public final class AdmissionPolicy {
    private AdmissionPolicy() {}

    /** What becomes of one URL new to its job: pending when {@code skip} is null, otherwise skipped for it. */
    public record Decision(FoundUrl url, @Nullable SkipReason skip) {
        public UrlState state() {
            return skip == null ? UrlState.PENDING : UrlState.SKIPPED;
        }

        /** The outcome the URL is recorded with: none while pending. */
        public @Nullable PageOutcome outcome() {
            return skip == null ? null : skip.outcome();
        }
    }

    /** The first URL of each key, in the order given. */
    public static Map<String, FoundUrl> byKey(Collection<FoundUrl> urls) {
        Map<String, FoundUrl> unique = new LinkedHashMap<>();
        for (FoundUrl url : urls) {
            unique.putIfAbsent(url.key(), url);
        }
        return unique;
    }

    /** The decision on each of {@code unseen} (distinct keys the job does not have yet), in order. */
    public static List<Decision> decide(CrawlJob job, Collection<FoundUrl> unseen) {
        long total = job.total();
        List<Decision> decisions = new ArrayList<>(unseen.size());
        for (FoundUrl url : unseen) {
            if (url.skip() != null) {
                decisions.add(new Decision(url, url.skip()));
            } else if (total < job.spec().limit()) {
                decisions.add(new Decision(url, null));
                total++;
            } else {
                decisions.add(new Decision(url, SkipReason.OVER_LIMIT));
            }
        }
        return decisions;
    }

    /** The job with one recorded decision counted. */
    public static CrawlJob count(CrawlJob job, Decision decision) {
        SkipReason skip = decision.skip();
        return skip == null ? JobProgress.admitted(job) : JobProgress.skipped(job, skip);
    }

    /**
     * Whether an owner may have one more job queued or running: {@code maxUnfinished} 0 means no limit, and then
     * {@code unfinished} is not asked.
     */
    public static boolean admitsAnother(int maxUnfinished, LongSupplier unfinished) {
        return maxUnfinished <= 0 || unfinished.getAsLong() < maxUnfinished;
    }

    /**
     * A job just created with its seeds counted: failed when nothing could be admitted and no seeding task will find
     * more, since it could never make progress; otherwise as it is.
     */
    public static CrawlJob created(CrawlJob admitted, boolean seedingOpen, List<FoundUrl> seeds) {
        if (admitted.total() == 0 && !seedingOpen) {
            return JobProgress.finished(admitted, JobStatus.FAILED, nothingAdmitted(seeds));
        }
        return admitted;
    }

    private static String nothingAdmitted(List<FoundUrl> seeds) {
        if (seeds.isEmpty()) {
            return "No URL could be admitted: the job has no seed URL";
        }
        FoundUrl first = seeds.get(0);
        SkipReason reason = first.skip() != null ? first.skip() : SkipReason.OVER_LIMIT;
        return "No URL could be admitted; first: " + first.url() + " was skipped ("
                + reason.outcome().wire() + ")";
    }
}
