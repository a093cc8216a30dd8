package dev.gleaner.config;

import org.jspecify.annotations.Nullable;

/**
 * One setting of {@code gleaner serve}: its flag, its environment variable, its default, its limits and what it
 * means. Every setting is a constant of one group's enum ({@link CrawlSetting}, {@link WebhookSetting}, …); together
 * they are the one table the command line takes its defaults from and {@code docs/configuration.md} is generated
 * from ({@link ConfigurationDocs}).
 */
public sealed interface Setting
        permits ServerSetting,
                StoreSetting,
                CrawlSetting,
                PolitenessSetting,
                HttpSetting,
                UploadSetting,
                EventSetting,
                ParsingSetting,
                RenderSetting,
                LimitSetting,
                EmbeddingSetting,
                WebhookSetting {

    /** The row of the table. */
    Definition definition();

    /** The group the setting belongs to. */
    SettingGroup group();

    /** The flag, e.g. {@code --workers}. */
    default String option() {
        return definition().option();
    }

    /** The environment variable read when the flag is not given: {@code GLEANER_} and the flag in capitals. */
    default String environmentVariable() {
        return "GLEANER_"
                + option().substring(2).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** The default as the command line would spell it; null when the setting has none (it is then unset). */
    default @Nullable String defaultValue() {
        return definition().defaultValue();
    }

    /** The values the setting accepts. */
    default Range range() {
        return definition().range();
    }

    /** The default as a whole number. */
    default long defaultLong() {
        return Long.parseLong(required());
    }

    /** The default as an {@code int}. */
    default int defaultInt() {
        return Integer.parseInt(required());
    }

    /** The default as a number with a fraction. */
    default double defaultDouble() {
        return Double.parseDouble(required());
    }

    /** The default as a boolean. */
    default boolean defaultBoolean() {
        return Boolean.parseBoolean(required());
    }

    /** The default of a setting that has one. */
    default String required() {
        String value = defaultValue();
        if (value == null) {
            throw new IllegalStateException(option() + " has no default");
        }
        return value;
    }

    /**
     * One row of the table.
     *
     * @param option the flag
     * @param defaultValue the default as the command line spells it; null: unset unless given
     * @param shownDefault how the documentation shows the default (for an unset one, what being unset means)
     * @param range the numbers accepted ({@link Range#ANY} for a setting that is not a number)
     * @param accepts how the documentation describes the values accepted
     * @param meaning what the setting does, in Markdown, for the documentation
     */
    record Definition(
            String option,
            @Nullable String defaultValue,
            String shownDefault,
            Range range,
            String accepts,
            String meaning) {

        /** A number with a default. */
        static Definition of(String option, String defaultValue, Range range, String meaning) {
            return new Definition(option, defaultValue, "`" + defaultValue + "`", range, range.describe(), meaning);
        }

        /** A setting that is not a number, with a default. */
        static Definition text(String option, String defaultValue, String accepts, String meaning) {
            return new Definition(option, defaultValue, "`" + defaultValue + "`", Range.ANY, accepts, meaning);
        }

        /** A setting that is unset by default; {@code unsetMeans} tells what that means. */
        static Definition unset(String option, String unsetMeans, String accepts, String meaning) {
            return new Definition(option, null, unsetMeans, Range.ANY, accepts, meaning);
        }
    }
}
