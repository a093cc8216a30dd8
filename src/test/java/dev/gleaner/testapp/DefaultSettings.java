package dev.gleaner.testapp;

import dev.gleaner.api.ApiLimits;
import dev.gleaner.cli.FeatureSettings;
import dev.gleaner.config.HttpConfig;
import dev.gleaner.config.ParsingConfig;
import dev.gleaner.ingest.BundledModels;
import dev.gleaner.ingest.DocumentExtractor;
import dev.gleaner.ingest.DocumentLimits;
import java.time.Clock;

/**
 * The features' settings at the defaults of the configuration table, made the way a running server makes them
 * ({@link FeatureSettings}), so that tests use the same numbers as a default deployment and no test repeats them.
 */
public final class DefaultSettings {
    private DefaultSettings() {}

    /** The API's limits at the configuration's defaults, with the bundled default embedding model. */
    public static ApiLimits apiLimits() {
        return ApiLimits.of(HttpConfig.defaults().maxRequestBytes(), BundledModels.DEFAULT);
    }

    /** The limits of one document at the configuration's defaults. */
    public static DocumentLimits documentLimits() {
        return FeatureSettings.parsing(ParsingConfig.defaults()).limits();
    }

    /** An in-process document extractor with {@link #documentLimits()}. */
    public static DocumentExtractor documentExtractor(Clock clock) {
        return new DocumentExtractor(documentLimits(), clock);
    }
}
