package dev.gleaner.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private final SecureRandom random = new SecureRandom();
    private final SecretsKey key = SecretsKey.generate(random);
    private final SecretBox box = new SecretBox(key, random);

    @Test
    void aSealedValueOpensWithTheSameKeyAndContextAndHoldsNoClearText() {
        String sealed = box.seal("Bearer abc123", "crawl header authorization");

        assertThat(sealed).startsWith("v1." + key.id() + ".").doesNotContain("abc123");
        assertThat(box.open(sealed, "crawl header authorization"))
                .isEqualTo(new SecretBox.Opened.Value("Bearer abc123"));
        assertThat(new SecretBox(SecretsKey.fromBase64(key.toBase64()), random)
                        .open(sealed, "crawl header authorization"))
                .isEqualTo(new SecretBox.Opened.Value("Bearer abc123"));
    }

    @Test
    void everySealingUsesANewNonce() {
        assertThat(box.seal("same", "c")).isNotEqualTo(box.seal("same", "c"));
    }

    @Test
    void anotherKeyIsToldApartFromDamage() {
        String sealed = box.seal("v", "c");
        SecretBox other = new SecretBox(SecretsKey.generate(random), random);

        assertThat(other.open(sealed, "c")).isEqualTo(new SecretBox.Opened.OtherKey(key.id()));
        assertThat(box.open(sealed, "another context")).isInstanceOf(SecretBox.Opened.Damaged.class);
        String flipped = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThat(box.open(flipped, "c")).isInstanceOf(SecretBox.Opened.Damaged.class);
        assertThat(box.open("plain text", "c")).isInstanceOf(SecretBox.Opened.Damaged.class);
    }

    @Test
    void aKeyIsTheBase64OfExactly32BytesAndNeverPrinted() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> SecretsKey.fromBase64(sixteen)).hasMessageContaining("32 bytes, not of 16");
        assertThatThrownBy(() -> SecretsKey.fromBase64("not base64 at all!")).hasMessageContaining("not base64");
        assertThat(key.toString()).doesNotContain(key.toBase64()).contains(key.id());
        assertThat(key.id())
                .hasSize(16)
                .isEqualTo(SecretsKey.fromBase64(key.toBase64()).id());
    }
}
