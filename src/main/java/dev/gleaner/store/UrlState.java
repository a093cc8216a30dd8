package dev.gleaner.store;

import java.util.Locale;

/**
 * The state of one frontier row. Admitted URLs start {@code pending}, are {@code leased} by a worker, and end
 * {@code done}, {@code failed} or {@code cancelled}; URLs seen but not admitted are {@code skipped} from the start.
 */
enum UrlState {
    PENDING,
    LEASED,
    DONE,
    FAILED,
    CANCELLED,
    SKIPPED;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
