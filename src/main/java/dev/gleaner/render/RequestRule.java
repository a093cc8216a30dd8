package dev.gleaner.render;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the renderer does with one request a page makes, before any network is used: serve the page's own document
 * (already fetched), fetch it (then the outbound address guard has its say), or refuse it. Only what can bring text
 * is fetched: documents, scripts and data requests, with GET (rendering must never submit a form or change anything on
 * a site); images, fonts, media and style sheets are refused, and so is every other host than the page's own unless
 * third-party requests are allowed. The {@code /favicon.ico} a browser asks for by itself after every page is dropped
 * without a word: it is the browser's request, not the page's, and would cost the site a request per page.
 */
final class RequestRule {
    /** Resource types (CDP {@code Network.ResourceType}) whose content may put text on the page. */
    private static final Set<String> FETCHED_TYPES = Set.of("Document", "Script", "XHR", "Fetch", "Other");

    private RequestRule() {}

    /** The decision on one request. */
    sealed interface Decision {
        /** The page's own document: answered with the bytes already fetched. */
        record ServePage() implements Decision {}

        /** Fetched through the crawler's fetcher. */
        record Fetch() implements Decision {}

        /** Refused without being reported: a request the browser makes by itself, not the page. */
        record Drop() implements Decision {}

        /** Refused; {@code reason} says why in a few words. */
        record Refuse(String reason) implements Decision {}
    }

    /**
     * Decides on the request {@code method} {@code url} of type {@code resourceType} made by the page at {@code page};
     * {@code firstDocument} when it is the first document request of the tab (the page itself).
     */
    static Decision decide(
            String method, String resourceType, URI url, URI page, boolean firstDocument, boolean thirdParty) {
        // The tab was opened on the page, so its first document request is the page itself (as the browser spells it).
        if (firstDocument && "Document".equals(resourceType)) {
            return new Decision.ServePage();
        }
        String scheme = lower(url.getScheme());
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return new Decision.Refuse("not an http(s) URL");
        }
        if (!"GET".equals(method)) {
            return new Decision.Refuse(method + " requests are never sent when rendering");
        }
        if ("/favicon.ico".equals(url.getPath()) && "Other".equals(resourceType)) {
            return new Decision.Drop();
        }
        if (!FETCHED_TYPES.contains(resourceType)) {
            return new Decision.Refuse(resourceType.toLowerCase(Locale.ROOT) + " not needed for text");
        }
        if (!thirdParty && !sameHost(url, page)) {
            return new Decision.Refuse("another host than the page's (--render-third-party allows it)");
        }
        return new Decision.Fetch();
    }

    private static boolean sameHost(URI url, URI page) {
        String host = lower(url.getHost());
        return host != null && host.equals(lower(page.getHost()));
    }

    private static @Nullable String lower(@Nullable String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
