package dev.gleaner.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Bounds the nesting of a parsed page the way browsers bound the DOM they build: every node below an element at the
 * maximum depth becomes, in document order, a direct child of that element (elements keep their attributes and lose
 * their children, which follow them). The text stays, in order; only structure beyond the limit is lost. Linear in the
 * number of nodes.
 */
final class DepthCap {
    private DepthCap() {}

    /** Flattens everything in {@code root} deeper than {@code maxDepth} levels below it. */
    static void apply(Element root, int maxDepth, ExtractionDeadline deadline) {
        Deque<Element> elements = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        elements.push(root);
        depths.push(0);
        while (!elements.isEmpty()) {
            Element element = elements.pop();
            int depth = depths.pop();
            deadline.step();
            if (depth >= maxDepth) {
                flatten(element, deadline);
                continue;
            }
            for (Element child : element.children()) {
                elements.push(child);
                depths.push(depth + 1);
            }
        }
    }

    private static void flatten(Element limit, ExtractionDeadline deadline) {
        if (limit.children().stream().noneMatch(child -> child.childNodeSize() > 0)) {
            return;
        }
        List<Node> flat = new ArrayList<>();
        Deque<Node> pending = new ArrayDeque<>();
        pushChildren(limit, pending);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            deadline.step();
            flat.add(node);
            if (node instanceof Element element && element.childNodeSize() > 0) {
                pushChildren(element, pending);
                element.empty();
            }
        }
        limit.empty();
        limit.appendChildren(flat);
    }

    private static void pushChildren(Element element, Deque<Node> pending) {
        List<Node> children = element.childNodes();
        for (int i = children.size() - 1; i >= 0; i--) {
            pending.push(children.get(i));
        }
    }
}
