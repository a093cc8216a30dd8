package dev.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkListBytesTest {
    @Test
    void linksComeBackExactlyAsStoredInTheirOrder() {
        List<String> links = List.of(
                "https://docs.test/guide/",
                "https://docs.test/a b?q=ü&x=%20",
                "",
                "https://docs.test/guide/",
                "https://例え.test/パス");

        assertThat(LinkListBytes.decode(LinkListBytes.encode(links))).isEqualTo(links);
        assertThat(LinkListBytes.decode(LinkListBytes.encode(List.of()))).isEmpty();
    }

    @Test
    void aDocumentationSitesNavigationShrinksSeveralTimes() {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            links.add("https://docs.example.test/reference/configuration/section-" + i + "/index.html");
        }
        int plain = links.stream().mapToInt(link -> link.length() + 4).sum();

        byte[] stored = LinkListBytes.encode(links);

        assertThat(stored.length).isLessThan(plain / 4);
        assertThat(LinkListBytes.decode(stored)).isEqualTo(links);
    }

    @Test
    void damagedBytesAreReportedNotMisread() {
        byte[] stored = LinkListBytes.encode(List.of("https://docs.test/one", "https://docs.test/two"));

        assertThatThrownBy(() -> LinkListBytes.decode(Arrays.copyOf(stored, stored.length / 2)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> LinkListBytes.decode(new byte[] {1, 2, 3, 4})).isInstanceOf(StoreException.class);
    }
}
