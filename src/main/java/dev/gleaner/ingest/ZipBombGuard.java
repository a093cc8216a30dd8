package dev.gleaner.ingest;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks a zip-based document (DOCX, ODT) before it is parsed: counts its entries and unpacks each one into nothing,
 * stopping at the first limit crossed, so a compression bomb costs at most {@link DocumentLimits#maxUnpackedBytes} of
 * inflating and no memory. A document that is not a zip, or whose zip structure is broken, passes: the parser judges
 * it. Thread-safe.
 */
final class ZipBombGuard {
    /** An entry is allowed any ratio up to this size: small XML parts pack very well. */
    static final long RATIO_GRACE_BYTES = 1024 * 1024;

    private final DocumentLimits limits;

    ZipBombGuard(DocumentLimits limits) {
        this.limits = limits;
    }

    static boolean isZip(byte[] body) {
        return body.length >= 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4;
    }

    /** Why {@code body} must not be parsed, or empty when it may be. */
    Optional<String> violation(byte[] body) {
        if (!isZip(body)) {
            return Optional.empty();
        }
        CountingStream packed = new CountingStream(new ByteArrayInputStream(body));
        byte[] buffer = new byte[64 * 1024];
        long unpackedTotal = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(packed)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > limits.maxZipEntries()) {
                    return Optional.of("it holds more than " + limits.maxZipEntries() + " parts");
                }
                long packedAtStart = packed.count;
                long unpacked = 0;
                for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
                    unpacked += n;
                    unpackedTotal += n;
                    if (unpackedTotal > limits.maxUnpackedBytes()) {
                        return Optional.of("it unpacks to more than " + megabytes(limits.maxUnpackedBytes()));
                    }
                    // The packed bytes read so far include the zip's read-ahead, so the ratio is if anything low.
                    long packedSoFar = Math.max(1, packed.count - packedAtStart);
                    if (unpacked > RATIO_GRACE_BYTES && unpacked / packedSoFar > limits.maxInflateRatio()) {
                        return Optional.of("a part of it unpacks to more than " + limits.maxInflateRatio()
                                + " times its packed size");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException broken) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    /** Counts the bytes read from the packed document. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
