package dev.gleaner.cli;

import dev.gleaner.config.Setting;
import dev.gleaner.config.Settings;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the command line's options, from the table of settings ({@link Settings}): the setting's
 * environment variable when it is set and not empty, else its default. Options that are not settings (the client commands') keep
 * their own.
 */
final class SettingDefaults implements IDefaultValueProvider {
    private final Function<String, @Nullable String> environment;

    /** Defaults read from the process's environment. */
    SettingDefaults() {
        this(System::getenv);
    }

    /** Defaults read from {@code environment} (a variable's value, or null when it is not set). */
    SettingDefaults(Function<String, @Nullable String> environment) {
        this.environment = environment;
    }

    @Override
    public @Nullable String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        Setting setting = Settings.byOption(option.longestName()).orElse(null);
        if (setting == null) {
            return null;
        }
        String fromEnvironment = environment.apply(setting.environmentVariable());
        // An empty variable counts as unset, as a shell's VAR= usually means.
        return fromEnvironment != null && !fromEnvironment.isEmpty() ? fromEnvironment : setting.defaultValue();
    }
}
