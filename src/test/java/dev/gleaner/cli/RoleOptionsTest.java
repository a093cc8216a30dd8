package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gleaner.config.InvalidConfigurationException;
import dev.gleaner.config.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --role}: read in any case from the flag or {@code GLEANER_ROLE}, {@code all} by default, checked. */
class RoleOptionsTest {
    private static ServeCommand parsed(Map<String, String> environment, String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine commandLine = new CommandLine(serve);
        commandLine.setDefaultValueProvider(new SettingDefaults(environment::get));
        commandLine.parseArgs(args);
        return serve;
    }

    @Test
    void theRoleIsAllUnlessGiven() {
        assertThat(parsed(Map.of()).config().server().role()).isEqualTo(Role.ALL);
    }

    @Test
    void theRoleIsReadInAnyCaseFromTheFlagOrTheEnvironment() {
        assertThat(parsed(Map.of(), "--role", "worker").config().server().role())
                .isEqualTo(Role.WORKER);
        assertThat(parsed(Map.of(), "--role", "API").config().server().role()).isEqualTo(Role.API);
        assertThat(parsed(Map.of("GLEANER_ROLE", "Worker")).config().server().role())
                .isEqualTo(Role.WORKER);
        assertThat(parsed(Map.of("GLEANER_ROLE", "worker"), "--role", "all")
                        .config()
                        .server()
                        .role())
                .isEqualTo(Role.ALL);
    }

    @Test
    void aRoleIsShownLowerCase() {
        assertThat(Role.WORKER.shown()).isEqualTo("worker");
        assertThat(Role.API).hasToString("api");
        assertThat(Role.parse("ALL")).contains(Role.ALL);
        assertThat(Role.parse("everything")).isEmpty();
    }

    @Test
    void anUnknownRoleIsListedWithTheOtherProblems() {
        ServeCommand serve = parsed(Map.of(), "--role", "crawler", "--workers", "0");

        InvalidConfigurationException refused =
                catchThrowableOfType(InvalidConfigurationException.class, serve::config);

        assertThat(refused.problems())
                .containsExactly("--role must be one of all, api, worker, was crawler", "--workers must be ≥ 1, was 0");
    }

    @Test
    void anUnknownRoleAloneIsRefusedToo() {
        InvalidConfigurationException refused =
                catchThrowableOfType(InvalidConfigurationException.class, () -> parsed(Map.of("GLEANER_ROLE", "both"))
                        .config());

        assertThat(refused.problems()).containsExactly("--role must be one of all, api, worker, was both");
    }
}
