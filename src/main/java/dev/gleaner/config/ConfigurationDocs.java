package dev.gleaner.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the settings tables of {@code docs/configuration.md} from the table ({@link Settings}): one section per
 * group, between {@link #BEGIN} and {@link #END}; the rest of the document is left as written. Run with the
 * document's path: {@value #COMMAND}.
 */
public final class ConfigurationDocs {
    /** The command that regenerates the document. */
    public static final String COMMAND =
            "mvn -q compile exec:java -Dexec.mainClass=dev.gleaner.config.ConfigurationDocs"
                    + " -Dexec.args=docs/configuration.md";

    static final String BEGIN = "<!-- settings: generated from dev.gleaner.config.Settings by " + COMMAND + " -->";
    static final String END = "<!-- end of settings -->";

    private ConfigurationDocs() {}

    /** Rewrites the document at {@code args[0]} with the current table. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ConfigurationDocs <path of configuration.md>");
        }
        Path path = Path.of(args[0]);
        String document = Files.readString(path, StandardCharsets.UTF_8);
        Files.writeString(path, regenerate(document), StandardCharsets.UTF_8);
    }

    /** {@code document} with the part between the markers replaced by the tables of the current settings. */
    public static String regenerate(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no settings markers: " + BEGIN + " … " + END);
        }
        return document.substring(0, begin) + tables() + document.substring(end + END.length());
    }

    /** The markers and, between them, one section per group with a table of its settings. */
    static String tables() {
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        for (SettingGroup group : SettingGroup.values()) {
            out.append("\n### ").append(group.title()).append("\n\n");
            out.append(Character.toUpperCase(group.summary().charAt(0)))
                    .append(group.summary().substring(1))
                    .append(".\n\n");
            out.append("| flag | environment | default | accepts | meaning |\n");
            out.append("|---|---|---|---|---|\n");
            for (Setting setting : Settings.of(group)) {
                out.append(row(setting)).append('\n');
            }
        }
        return out.append('\n').append(END).toString();
    }

    private static String row(Setting setting) {
        String accepts = setting.range().describe();
        return "| `" + setting.option() + "` | `" + setting.environmentVariable() + "` | "
                + setting.definition().shownDefault() + " | " + (accepts.isEmpty() ? "" : accepts) + " | "
                + setting.definition().meaning() + " |";
    }
}
