package dev.gleaner.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestRuleTest {
    private static final URI PAGE = URI.create("http://docs.test/guide/start");

    @Test
    void thePageItselfIsServedAndItsScriptsAndDataAreFetched() {
        assertThat(decide("GET", "Document", PAGE, true)).isInstanceOf(RequestRule.Decision.ServePage.class);
        assertThat(decide("GET", "Script", URI.create("http://docs.test/app.js"), false))
                .isInstanceOf(RequestRule.Decision.Fetch.class);
        assertThat(decide("GET", "Fetch", URI.create("http://docs.test/api/page.json"), false))
                .isInstanceOf(RequestRule.Decision.Fetch.class);
    }

    @Test
    void whatCannotBringTextOrWouldChangeSomethingIsRefused() {
        assertThat(decide("GET", "Image", URI.create("http://docs.test/logo.png"), false))
                .isEqualTo(new RequestRule.Decision.Refuse("image not needed for text"));
        assertThat(decide("GET", "Other", URI.create("http://docs.test/favicon.ico"), false))
                .isEqualTo(new RequestRule.Decision.Drop());
        assertThat(decide("POST", "XHR", URI.create("http://docs.test/api/search"), false))
                .isEqualTo(new RequestRule.Decision.Refuse("POST requests are never sent when rendering"));
        assertThat(decide("GET", "Script", URI.create("http://cdn.test/lib.js"), false))
                .isEqualTo(new RequestRule.Decision.Refuse(
                        "another host than the page's (--render-third-party allows it)"));
    }

    private static RequestRule.Decision decide(String method, String type, URI url, boolean firstDocument) {
        return RequestRule.decide(method, type, url, PAGE, firstDocument, false);
    }
}
