package dev.gleaner.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The table of every setting: the constants of each group's enum, in the documentation's order. */
public final class Settings {
    private static final List<Setting> ALL = Stream.<Setting[]>of(
                    ServerSetting.values(),
                    StoreSetting.values(),
                    CrawlSetting.values(),
                    PolitenessSetting.values(),
                    HttpSetting.values(),
                    UploadSetting.values(),
                    EventSetting.values(),
                    ParsingSetting.values(),
                    RenderSetting.values(),
                    LimitSetting.values(),
                    EmbeddingSetting.values(),
                    WebhookSetting.values())
            .flatMap(Stream::of)
            .toList();

    private Settings() {}

    /** Every setting. */
    public static List<Setting> all() {
        return ALL;
    }

    /** The settings of one group. */
    public static List<Setting> of(SettingGroup group) {
        List<Setting> settings = new ArrayList<>();
        for (Setting setting : ALL) {
            if (setting.group() == group) {
                settings.add(setting);
            }
        }
        return settings;
    }

    /** The setting whose flag is {@code option} (e.g. {@code --workers}). */
    public static Optional<Setting> byOption(String option) {
        return ALL.stream().filter(s -> s.option().equals(option)).findFirst();
    }
}
