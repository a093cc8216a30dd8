package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {
    private static final byte[] PAGE = "<p>Hello, harbour.</p>".getBytes(StandardCharsets.UTF_8);

    @Test
    void aStrayGzipLayerIsUnwrappedOnceOnly() throws IOException {
        BodyReader.Read read = BodyReader.unwrapStrayGzip(gzip(gzip(PAGE)), 1024);
        byte[] once = gzip(PAGE);

        assertThat(read).isInstanceOfSatisfying(BodyReader.Read.Complete.class, complete -> assertThat(complete.bytes())
                .isEqualTo(once));
    }

    @Test
    void aBodyWithoutTheGzipMagicIsLeftAsItIs() throws IOException {
        assertThat(BodyReader.unwrapStrayGzip(PAGE, 1024))
                .isInstanceOfSatisfying(BodyReader.Read.Complete.class, c -> assertThat(c.bytes())
                        .isEqualTo(PAGE));
    }

    @Test
    void aBodyThatOnlyStartsLikeGzipIsLeftAsItIs() throws IOException {
        byte[] notGzip = {0x1F, (byte) 0x8B, 1, 2, 3};

        assertThat(BodyReader.unwrapStrayGzip(notGzip, 1024))
                .isInstanceOfSatisfying(BodyReader.Read.Complete.class, c -> assertThat(c.bytes())
                        .isEqualTo(notGzip));
    }

    @Test
    void theInflatedBytesAreCapped() throws IOException {
        assertThat(BodyReader.unwrapStrayGzip(gzip(new byte[10_000]), 1024))
                .isInstanceOf(BodyReader.Read.TooLarge.class);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(plain);
        }
        return compressed.toByteArray();
    }
}
