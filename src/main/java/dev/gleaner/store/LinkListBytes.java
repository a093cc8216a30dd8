package dev.gleaner.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A page's links as stored: their count, then each one's UTF-8 length and bytes, deflated (the links of a
 * documentation site's pages share long prefixes and whole navigation menus, so they shrink several times). Exact both
 * ways.
 */
final class LinkListBytes {
    /** The most links decoded from one row: more means the row is damaged, not that a page had them. */
    private static final int MAX_LINKS = 1_000_000;

    private LinkListBytes() {}

    static byte[] encode(List<String> links) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(links.size());
            for (String link : links) {
                byte[] utf8 = link.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static List<String> decode(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(stored)))) {
            int count = in.readInt();
            if (count < 0 || count > MAX_LINKS) {
                throw new StoreException("A stored link list says it has " + count + " links");
            }
            List<String> links = new ArrayList<>(Math.min(count, 4_096));
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                // Deflate shrinks at most about 1,032 times: a longer link cannot come from these bytes.
                if (length < 0 || length > stored.length * 1_100L) {
                    throw new StoreException("A stored link has a length of " + length + " bytes");
                }
                byte[] utf8 = new byte[length];
                in.readFully(utf8);
                links.add(new String(utf8, StandardCharsets.UTF_8));
            }
            return links;
        } catch (IOException e) {
            throw new StoreException("A stored link list is damaged: " + e.getMessage(), e);
        }
    }
}
