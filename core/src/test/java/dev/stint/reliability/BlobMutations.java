package dev.stint.reliability;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded damage to MessagePack blobs: truncation, bit flips, and headers that declare far more data than
 * follows (the shapes a torn write, a bad sector or a crafted file produce).
 */
final class BlobMutations {
    private BlobMutations() {
    }

    /** One damaged copy of {@code blob}, chosen by {@code random}. */
    static byte[] mutate(byte[] blob, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> Arrays.copyOf(blob, random.nextInt(blob.length));
            case 1 -> flipBits(blob, random);
            case 2 -> oversizedHeader(blob, random);
            case 3 -> deeplyNested(random);
            default -> flipBits(Arrays.copyOf(blob, 1 + random.nextInt(blob.length)), random);
        };
    }

    private static byte[] flipBits(byte[] blob, Random random) {
        byte[] copy = blob.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(copy.length);
            copy[at] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    /** Replaces a byte with a str32, bin32, array32, map32 or ext32 header declaring up to 2^32-1 units. */
    private static byte[] oversizedHeader(byte[] blob, Random random) {
        int[] formats = {0xdb, 0xc6, 0xdd, 0xdf, 0xc9};
        int at = random.nextInt(blob.length);
        long declared = random.nextBoolean() ? 0xffffffffL : 0x7fffffffL - random.nextInt(1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(blob, 0, at);
        out.write(formats[random.nextInt(formats.length)]);
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (declared >>> shift) & 0xff);
        }
        out.write(blob, at + 1, blob.length - at - 1);
        return out.toByteArray();
    }

    /** A map nested thousands of levels deep: {"a": {"a": ... }}. */
    private static byte[] deeplyNested(Random random) {
        int depth = 1_000 + random.nextInt(50_000);
        byte[] out = new byte[depth * 3 + 1];
        for (int i = 0; i < depth; i++) {
            out[i * 3] = (byte) 0x81;
            out[i * 3 + 1] = (byte) 0xa1;
            out[i * 3 + 2] = 'a';
        }
        out[depth * 3] = (byte) 0xc0;
        return out;
    }
}
