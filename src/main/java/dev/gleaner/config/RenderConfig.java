package dev.gleaner.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * How pages that need JavaScript are rendered in a headless browser ({@link RenderSetting}).
 *
 * @param chromium the browser's executable, or null for {@code chromium} on the {@code PATH}
 * @param tabs the most pages rendered at once
 * @param timeout the longest rendering of one page
 * @param maxHtmlMegabytes the largest rendered HTML
 * @param thirdParty whether a rendered page may load from other hosts than its own
 * @param maxRequests the most requests one rendered page may have fetched
 */
public record RenderConfig(
        @Nullable String chromium,
        int tabs,
        Duration timeout,
        int maxHtmlMegabytes,
        boolean thirdParty,
        int maxRequests) {

    /** The table's defaults. */
    public static RenderConfig defaults() {
        return new RenderConfig(
                null,
                RenderSetting.RENDER_TABS.defaultInt(),
                Duration.ofSeconds(RenderSetting.RENDER_TIMEOUT_SECONDS.defaultLong()),
                RenderSetting.RENDER_MAX_HTML_MB.defaultInt(),
                RenderSetting.RENDER_THIRD_PARTY.defaultBoolean(),
                RenderSetting.RENDER_MAX_REQUESTS.defaultInt());
    }

    /** These settings with another browser executable (null: {@code chromium} on the {@code PATH}). */
    public RenderConfig withChromium(@Nullable String path) {
        return new RenderConfig(path, tabs, timeout, maxHtmlMegabytes, thirdParty, maxRequests);
    }

    /** These settings with another deadline per page. */
    public RenderConfig withTimeout(Duration deadline) {
        return new RenderConfig(chromium, tabs, deadline, maxHtmlMegabytes, thirdParty, maxRequests);
    }

    void check(Problems problems) {
        String path = chromium;
        problems.require(path == null || !path.isBlank(), RenderSetting.CHROMIUM.option() + " must not be blank");
        problems.inRange(RenderSetting.RENDER_TABS, tabs);
        problems.inRange(RenderSetting.RENDER_TIMEOUT_SECONDS, timeout, TimeUnit.SECONDS);
        problems.inRange(RenderSetting.RENDER_MAX_HTML_MB, maxHtmlMegabytes);
        problems.inRange(RenderSetting.RENDER_MAX_REQUESTS, maxRequests);
    }
}
