package dev.gleaner.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Bounds the nesting of a parsed page the way browsers bound the DOM they build: every node below an element at the
 * maximum depth becomes, in document order, a direct child of that element (elements keep their attributes and lose
 * their children, which follow them; empty elements that mean nothing any more are dropped). The text stays, in order;
 * only structure beyond the limit is lost. Linear in the number of nodes.
 */
final class DepthCap {
    private static final Set<String> KEPT_EMPTY = Set.of("br", "hr", "img", "wbr");

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
            if (node instanceof Element element) {
                if (element.childNodeSize() > 0) {
                    pushChildren(element, pending);
                    element.empty();
                }
                if (isKept(element, flat)) {
                    flat.add(element);
                }
            } else if (node instanceof TextNode) {
                flat.add(node);
            }
        }
        limit.empty();
        limit.appendChildren(flat);
    }

    /**
     * Whether a flattened, now empty element still means something: a line break or image, a link target (its id), or
     * a block boundary that keeps the words before it apart from those after it (one for a run of boundaries).
     * Dropping the rest keeps a crafted page of a million nested tags from costing every later step a million nodes.
     */
    private static boolean isKept(Element element, List<Node> flat) {
        if (KEPT_EMPTY.contains(element.normalName()) || element.hasAttr("id") || element.hasAttr("name")) {
            return true;
        }
        if (!element.isBlock()) {
            return false;
        }
        Node last = flat.isEmpty() ? null : flat.get(flat.size() - 1);
        return !(last instanceof Element previous && previous.isBlock() && previous.childNodeSize() == 0);
    }

    private static void pushChildren(Element element, Deque<Node> pending) {
        List<Node> children = element.childNodes();
        for (int i = children.size() - 1; i >= 0; i--) {
            pending.push(children.get(i));
        }
    }
}
