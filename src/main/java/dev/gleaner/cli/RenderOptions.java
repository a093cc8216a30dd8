package dev.gleaner.cli;

import dev.gleaner.config.RenderConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How pages that need JavaScript are rendered. Defaults: {@link SettingDefaults}. */
final class RenderOptions {
    @Option(
            names = "--chromium",
            description = "Chromium or Chrome executable pages needing JavaScript are rendered in (default: chromium"
                    + " on the PATH).")
    @Nullable
    String chromium;

    @Option(names = "--render-tabs", description = "Pages rendered at once, each in a tab of its own.")
    int tabs;

    @Option(
            names = "--render-timeout-seconds",
            description = "Longest rendering of one page; past it the page is read from its plain HTML.")
    long timeoutSeconds;

    @Option(names = "--render-max-html-mb", description = "Largest HTML a rendered page may grow to.")
    int maxHtmlMegabytes;

    @Option(
            names = "--render-third-party",
            description = "Let rendered pages load scripts and data from other hosts than their own.")
    boolean thirdParty;

    @Option(
            names = "--render-max-requests",
            description = "Most requests one rendered page may have fetched; the rest are refused.")
    int maxRequests;

    RenderConfig config() {
        return new RenderConfig(
                chromium, tabs, Duration.ofSeconds(timeoutSeconds), maxHtmlMegabytes, thirdParty, maxRequests);
    }
}
