package dev.gleaner.client;

import java.time.Duration;
import java.util.Locale;

/**
 * The text of one job's progress: {@code [#####-----] 42/120  failed 3  running  12.3 pages/s  0:41}. The bar fills
 * with the share of admitted URLs that finished (done or failed); {@code total} grows while a crawl discovers pages.
 */
public final class ProgressLine {
    /** Width of the bar in characters, brackets excluded. */
    public static final int BAR_WIDTH = 20;

    private ProgressLine() {}

    /** The line of {@code job}, {@code elapsed} since it started, finishing {@code pagesPerSecond} pages a second. */
    public static String render(JobState job, Duration elapsed, double pagesPerSecond) {
        long finished = job.done() + job.failed();
        return bar(finished, job.total()) + " " + finished + "/" + job.total()
                + "  failed " + job.failed()
                + "  " + job.status()
                + "  " + String.format(Locale.ROOT, "%.1f", pagesPerSecond) + " pages/s"
                + "  " + clock(elapsed);
    }

    static String bar(long finished, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(BAR_WIDTH, finished * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on; negative durations count as zero. */
    public static String clock(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }
}
