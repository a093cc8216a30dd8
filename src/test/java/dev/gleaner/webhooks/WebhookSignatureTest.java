package dev.gleaner.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    @Test
    void signsWithHmacSha256AsRfc4231TestCase2() {
        WebhookSignature signature = new WebhookSignature("Jefe");

        String signed = signature.sign("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));

        assertThat(signed).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void generatedSecretsAreLongAndDistinct() {
        String one = WebhookSignature.generateSecret();
        String two = WebhookSignature.generateSecret();

        assertThat(one).hasSize(64).isNotEqualTo(two);
        assertThat(one.length()).isGreaterThanOrEqualTo(WebhookSettings.MIN_SECRET_LENGTH);
    }
}
