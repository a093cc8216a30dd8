package dev.gleaner.ingest;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Removes many elements at once. jsoup removes a child by searching and shifting its parent's child list, so removing
 * most of a parent's many children one by one is quadratic; this rebuilds each parent's list once.
 */
final class Removal {
    private Removal() {}

    static void removeAll(List<Element> doomed) {
        IdentityHashMap<Element, Set<Node>> byParent = new IdentityHashMap<>();
        for (Element element : doomed) {
            Element parent = element.parent();
            if (parent != null) {
                byParent.computeIfAbsent(parent, unused -> java.util.Collections.newSetFromMap(new IdentityHashMap<>()))
                        .add(element);
            }
        }
        for (Map.Entry<Element, Set<Node>> entry : byParent.entrySet()) {
            Element parent = entry.getKey();
            Set<Node> removed = entry.getValue();
            if (removed.size() == 1) {
                removed.iterator().next().remove();
                continue;
            }
            List<Node> kept = new ArrayList<>(parent.childNodeSize());
            for (Node child : parent.childNodes()) {
                if (!removed.contains(child)) {
                    kept.add(child);
                }
            }
            parent.empty();
            parent.appendChildren(kept);
        }
    }
}
