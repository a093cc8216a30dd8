package dev.gleaner.config;

/** The groups settings are documented in, in the documentation's order, each with a record in {@link GleanerConfig}. */
public enum SettingGroup {
    SERVER("Server", "where the API listens, what the process may connect to and what it runs"),
    STORE("Store", "where the data lives; `keys` and `owners` take these too"),
    CRAWL("Crawl", "the crawl workers of this process and the limits of one fetch"),
    POLITENESS("Politeness", "how hard one web server is crawled, across every job and process"),
    HTTP("HTTP", "the API's limits on its clients"),
    UPLOADS("Uploads", "uploaded dataset files"),
    EVENTS("Job events", "the job events streams"),
    PARSING("Documents", "how PDF, DOCX, DOC, ODT and RTF documents are parsed"),
    RENDER("JavaScript rendering", "how pages that need JavaScript are rendered in a headless Chromium"),
    LIMITS("Abuse limits", "per key, per client address and per owner; `0` switches a limit off"),
    EMBEDDING("Remote embedding model", "an OpenAI-compatible model offered besides the bundled ones"),
    WEBHOOKS("Webhooks", "how webhook events are delivered");

    private final String title;
    private final String summary;

    SettingGroup(String title, String summary) {
        this.title = title;
        this.summary = summary;
    }

    /** The heading of the group's section. */
    public String title() {
        return title;
    }

    /** One line on what the group configures. */
    public String summary() {
        return summary;
    }
}
