package dev.gleaner.crawl;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a response body up to a byte cap, decoding {@code gzip} and {@code deflate} content encodings with the same
 * cap on the decoded bytes, so a small compressed body that inflates hugely ends as too large.
 */
final class BodyReader {

    /** How reading a body ended. */
    sealed interface Read {
        @SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
        record Complete(byte[] bytes) implements Read {}

        record TooLarge() implements Read {}

        record Undecodable(String reason) implements Read {}
    }

    private BodyReader() {}

    /** Reads {@code raw} (closing it) as encoded by {@code contentEncoding}; at most {@code cap} bytes each way. */
    static Read read(InputStream raw, String contentEncoding, long cap) throws IOException {
        String encoding = contentEncoding.strip().toLowerCase(Locale.ROOT);
        try (InputStream capped = new Capped(raw, cap)) {
            @Nullable
            InputStream decoded =
                    switch (encoding) {
                        case "", "identity" -> capped;
                        case "gzip", "x-gzip" -> new Capped(new GZIPInputStream(capped), cap);
                        case "deflate" -> new Capped(new InflaterInputStream(capped), cap);
                        default -> null;
                    };
            if (decoded == null) {
                return new Read.Undecodable(
                        "The server sent the body in the unsupported content encoding '" + encoding + "'.");
            }
            return new Read.Complete(decoded.readAllBytes());
        } catch (OverCap e) {
            return new Read.TooLarge();
        } catch (ZipException e) {
            return new Read.Undecodable("The server sent a corrupt " + encoding + "-encoded body.");
        }
    }

    /** Fails once more than {@code cap} bytes have passed through. */
    private static final class Capped extends FilterInputStream {
        private final long cap;
        private long count;

        Capped(InputStream in, long cap) {
            super(in);
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported on a capped body");
        }

        private void counted(int n) throws OverCap {
            count += n;
            if (count > cap) {
                throw new OverCap();
            }
        }
    }

    private static final class OverCap extends IOException {
        OverCap() {
            super("body over the cap", null);
        }
    }
}
