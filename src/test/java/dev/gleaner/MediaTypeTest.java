package dev.gleaner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MediaTypeTest {
    @Test
    void essenceIsLowerCasedWithoutParametersAndTheCharsetIsUnquoted() {
        MediaType type = MediaType.parse(" Text/HTML ;Charset=\"Shift_JIS\"; q=1");

        assertThat(type.essence()).isEqualTo("text/html");
        assertThat(type.charsetLabel()).contains("Shift_JIS");
        assertThat(type.charset()).contains(java.nio.charset.Charset.forName("Shift_JIS"));
        assertThat(type.parameter("Q")).contains("1");
    }

    @Test
    void theFirstOfTwoCharsetsCountsAndAnUnknownOneIsNoCharset() {
        assertThat(MediaType.parse("text/plain; charset=utf-8; charset=latin1").charset())
                .contains(StandardCharsets.UTF_8);
        assertThat(MediaType.parse("text/plain; charset=no-such-charset").charset())
                .isEmpty();
        assertThat(MediaType.parse("text/plain; charset=").charsetLabel()).isEmpty();
    }

    @Test
    void whatIsNotTypeSlashSubtypeIsNone() {
        for (String value : new String[] {"", "   ", "text", "text/", "/html", "text/html/x", "text /html", ";"}) {
            assertThat(MediaType.parse(value)).as(value).isEqualTo(MediaType.NONE);
        }
        assertThat(MediaType.parse(null).isEmpty()).isTrue();
    }

    @Test
    void genericLabelsSayNothingAboutTheContent() {
        assertThat(MediaType.parse("application/octet-stream").isGeneric()).isTrue();
        assertThat(MediaType.parse("binary/octet-stream").isGeneric()).isTrue();
        assertThat(MediaType.NONE.isGeneric()).isTrue();
        assertThat(MediaType.parse("text/plain").isGeneric()).isFalse();
    }

    @Test
    void isComparesTheEssenceOnly() {
        assertThat(MediaType.parse("Application/JSON; charset=utf-8").is("application/xml", "application/json"))
                .isTrue();
        assertThat(MediaType.parse("application/json-patch+json").is("application/json"))
                .isFalse();
    }
}
