package dev.gleaner.config;

/** The settings of the {@link SettingGroup#WEBHOOKS} group, read into {@link WebhooksConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum WebhookSetting implements Setting {
    SECRET(Definition.unset(
            "--webhook-secret",
            "(none: per owner)",
            "≥ 16 characters",
            "one secret every owner's webhook bodies are signed with (`X-Signature`, HMAC-SHA256), at least 16"
                    + " characters, for a single-tenant deployment; `GET /v1/webhooks/secret` and its rotation then"
                    + " answer 409. Unset (recommended): each owner has its own random secret (`whsec_` + 256 bits"
                    + " in hex), created when first needed, kept in the database (table `webhook_secrets`, shared by"
                    + " every process), shown once (`gleaner webhooks secret`) and rotatable with an overlap"
                    + " (`?overlapSeconds=`, default 86,400, at most 2,592,000) during which both sign. A deployment"
                    + " that had a generated secret (table `settings`) keeps it signing beside each owner's new one"
                    + " for 7 days. Prefer the environment variable: flags show in process listings")),
    MAX_ATTEMPTS(Definition.of(
            "--webhook-max-attempts",
            "8",
            Range.atLeast(1),
            "attempts per webhook event (non-2xx, timeout, connection error or refused address each count one);"
                    + " after the last the event is `failed` and the job's next event goes out")),
    BASE_DELAY_MS(Definition.of(
            "--webhook-base-delay-ms",
            "1000",
            Range.atLeast(0),
            "wait after the first failed attempt; doubled after each further one, up to"
                    + " `--webhook-max-delay-seconds`, less up to half of it at random (jitter)")),
    MAX_DELAY_SECONDS(Definition.of(
            "--webhook-max-delay-seconds", "300", Range.atLeast(0), "longest wait between two attempts of one event")),
    TIMEOUT_SECONDS(Definition.of(
            "--webhook-timeout-seconds",
            "10",
            Range.atLeast(1),
            "deadline of one webhook request (connecting included); a claimed event stays with its process for"
                    + " this plus 30 s, after which another process may send it again")),
    RESPONSE_BYTES(Definition.of(
            "--webhook-response-bytes",
            "1024",
            Range.between(0, 1_048_576),
            "bytes of a receiver's answer kept in the delivery log (`responseSnippet`)")),
    CONCURRENCY(Definition.of(
            "--webhook-concurrency",
            "8",
            Range.atLeast(1),
            "jobs whose events this process sends at once (a job's own events always go one at a time, in order)"));

    private final Definition definition;

    WebhookSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.WEBHOOKS;
    }
}
