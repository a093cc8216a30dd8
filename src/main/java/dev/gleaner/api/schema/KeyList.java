package dev.gleaner.api.schema;

import java.util.List;

/** Schema {@code KeyList}: the caller's owner's keys in the {@code {"data": […]}} envelope, oldest first. */
public record KeyList(List<Key> data) {
    public KeyList {
        data = List.copyOf(data);
    }
}
