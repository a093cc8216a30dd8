package dev.gleaner.ingest;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The embedding models this process can run, by name. The first one given is the default for new knowledgebases. */
public final class EmbeddingModels {
    private final Map<String, Embedder> byName;
    private final String defaultName;

    /** @throws IllegalArgumentException when {@code embedders} is empty or two share a name */
    public EmbeddingModels(List<Embedder> embedders) {
        if (embedders.isEmpty()) {
            throw new IllegalArgumentException("at least one embedding model is needed");
        }
        Map<String, Embedder> models = new LinkedHashMap<>();
        for (Embedder embedder : embedders) {
            if (models.putIfAbsent(embedder.modelName(), embedder) != null) {
                throw new IllegalArgumentException("two embedding models are named " + embedder.modelName());
            }
        }
        this.byName = Collections.unmodifiableMap(models);
        this.defaultName = embedders.getFirst().modelName();
    }

    public Optional<Embedder> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The models, the default first. */
    public Collection<Embedder> embedders() {
        return byName.values();
    }

    /** The model names, the default first. */
    public Set<String> names() {
        return byName.keySet();
    }

    public String defaultName() {
        return defaultName;
    }
}
