package dev.gleaner.config;

/** The settings of the {@link SettingGroup#RENDER} group, read into {@link RenderConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum RenderSetting implements Setting {
    CHROMIUM(Definition.unset(
            "--chromium",
            "(none: `chromium` on the `PATH`)",
            "the path of a Chromium or Chrome executable",
            "the headless browser pages that need JavaScript are rendered in (a job's `render`: `auto`, `always`)."
                    + " Started on the first page that needs it and kept running; one that cannot be started leaves"
                    + " those pages to their plain HTML, naming this flag")),
    RENDER_TABS(Definition.of(
            "--render-tabs",
            "2",
            Range.between(1, 64),
            "pages rendered at once by this process, each in a tab of its own; more wait their turn")),
    RENDER_TIMEOUT_SECONDS(Definition.of(
            "--render-timeout-seconds",
            "15",
            Range.between(1, 300),
            "longest rendering of one page (loading it, its scripts and the requests they make); past it the page"
                    + " is read from its plain HTML")),
    RENDER_MAX_HTML_MB(Definition.of(
            "--render-max-html-mb",
            "5",
            Range.between(1, 100),
            "largest HTML a rendered page may grow to; a larger one is read from its plain HTML")),
    RENDER_MAX_REQUESTS(Definition.of(
            "--render-max-requests",
            "100",
            Range.between(1, 10_000),
            "most requests one rendered page may have fetched (its scripts and data; the page itself and what is"
                    + " refused anyway do not count); the rest are refused and the page is taken with what it got")),
    RENDER_THIRD_PARTY(Definition.text(
            "--render-third-party",
            "false",
            "`true` or `false`",
            "let a rendered page load scripts and data from other hosts than its own (each still judged by the"
                    + " outbound address guard). Off, only the page's own host is asked"));

    private final Definition definition;

    RenderSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.RENDER;
    }
}
