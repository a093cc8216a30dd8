package dev.gleaner.config;

/** The settings of the {@link SettingGroup#EMBEDDING} group, read into {@link EmbeddingConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum EmbeddingSetting implements Setting {
    OPENAI_MODEL(Definition.unset(
            "--openai-model",
            "(none)",
            "a model name",
            "an embedding model of an OpenAI-compatible API to offer besides the bundled ones, e.g."
                    + " `text-embedding-3-small`; knowledgebases choose it by this name. Unset: no remote model")),
    OPENAI_BASE_URL(Definition.text(
            "--openai-base-url",
            "https://api.openai.com/v1",
            "an http(s) URL",
            "root of the OpenAI-compatible API; texts are sent to `POST {base}/embeddings`")),
    OPENAI_API_KEY(Definition.unset(
            "--openai-api-key",
            "(none)",
            "text",
            "sent as `Authorization: Bearer …`; leave unset for services that need no key. Prefer the environment"
                    + " variable: flags show in process listings")),
    OPENAI_DIMENSIONS(Definition.of(
            "--openai-dimensions",
            "0",
            Range.atLeast(0),
            "vector length asked of the remote model (sent as `dimensions`, for models that can shorten their"
                    + " vectors); `0`: the model's own, learnt from its first answer")),
    OPENAI_BATCH_SIZE(Definition.of("--openai-batch-size", "64", Range.atLeast(1), "most texts sent in one request")),
    OPENAI_TIMEOUT_SECONDS(Definition.of(
            "--openai-timeout-seconds", "60", Range.atLeast(1), "longest wait for one answer (connecting: 10 s)")),
    OPENAI_MAX_ATTEMPTS(Definition.of(
            "--openai-max-attempts",
            "4",
            Range.atLeast(1),
            "attempts per request on 429, 5xx, timeouts and connection errors, with a backoff from 1 s doubling up"
                    + " to 30 s (a longer `Retry-After` is honoured up to 30 s)"));

    private final Definition definition;

    EmbeddingSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.EMBEDDING;
    }
}
