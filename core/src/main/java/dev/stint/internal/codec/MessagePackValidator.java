package dev.stint.internal.codec;

/**
 * Checks the structure of a stored MessagePack blob before Jackson parses it, so that a crafted or damaged
 * blob fails with a {@link CodecException} instead of an {@link OutOfMemoryError} or a
 * {@link StackOverflowError}: every declared length and element count must fit in the bytes that remain,
 * nesting is bounded, the blob holds exactly one value, and no reserved format byte appears. One pass,
 * no allocation beyond the nesting stack.
 */
final class MessagePackValidator {
    /** Deeper nesting than this is refused (job state is plain data; Jackson's own default is 1000). */
    static final int MAX_DEPTH = 256;

    private MessagePackValidator() {
    }

    /** Throws {@link CodecException} naming the first structural problem of {@code blob}. */
    static void validate(byte[] blob) {
        int len = blob.length;
        long[] remaining = new long[MAX_DEPTH + 1];
        int depth = 0;
        remaining[0] = 1;
        int pos = 0;
        while (depth >= 0) {
            if (remaining[depth] == 0) {
                depth--;
                continue;
            }
            remaining[depth]--;
            if (pos >= len) {
                throw invalid("truncated: a value is missing at byte " + pos);
            }
            int b = blob[pos++] & 0xff;
            long children = 0;
            long skip;
            if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
                skip = 0;
            } else if (b <= 0x8f) {
                children = 2L * (b & 0x0f);
                skip = 0;
            } else if (b <= 0x9f) {
                children = b & 0x0f;
                skip = 0;
            } else if (b <= 0xbf) {
                skip = b & 0x1f;
            } else {
                switch (b) {
                    case 0xc4, 0xd9 -> skip = length(blob, pos, 1);
                    case 0xc5, 0xda -> skip = length(blob, pos, 2);
                    case 0xc6, 0xdb -> skip = length(blob, pos, 4);
                    case 0xc7 -> skip = length(blob, pos, 1) + 1;
                    case 0xc8 -> skip = length(blob, pos, 2) + 1;
                    case 0xc9 -> skip = length(blob, pos, 4) + 1;
                    case 0xca -> skip = 4;
                    case 0xcb -> skip = 8;
                    case 0xcc, 0xd0 -> skip = 1;
                    case 0xcd, 0xd1 -> skip = 2;
                    case 0xce, 0xd2 -> skip = 4;
                    case 0xcf, 0xd3 -> skip = 8;
                    case 0xd4 -> skip = 2;
                    case 0xd5 -> skip = 3;
                    case 0xd6 -> skip = 5;
                    case 0xd7 -> skip = 9;
                    case 0xd8 -> skip = 17;
                    case 0xdc -> {
                        children = length(blob, pos, 2);
                        skip = 0;
                    }
                    case 0xdd -> {
                        children = length(blob, pos, 4);
                        skip = 0;
                    }
                    case 0xde -> {
                        children = 2 * length(blob, pos, 2);
                        skip = 0;
                    }
                    case 0xdf -> {
                        children = 2 * length(blob, pos, 4);
                        skip = 0;
                    }
                    default -> throw invalid("reserved format byte 0x" + Integer.toHexString(b) + " at byte " + (pos - 1));
                }
                pos += headerBytes(b);
            }
            if (skip > len - pos) {
                throw invalid("a value at byte " + (pos - 1) + " declares " + skip + " bytes but only " + (len - pos)
                        + " remain");
            }
            pos += (int) skip;
            if (children > 0) {
                if (children > len - pos) {
                    throw invalid("a container declares " + children + " elements but only " + (len - pos)
                            + " bytes remain");
                }
                if (depth == MAX_DEPTH) {
                    throw invalid("nested deeper than " + MAX_DEPTH + " levels");
                }
                remaining[++depth] = children;
            }
        }
        if (pos != len) {
            throw invalid((len - pos) + " trailing bytes after the value");
        }
    }

    /** The size of the length field after format byte {@code b} (0 for formats without one). */
    private static int headerBytes(int b) {
        return switch (b) {
            case 0xc4, 0xc7, 0xd9 -> 1;
            case 0xc5, 0xc8, 0xda, 0xdc, 0xde -> 2;
            case 0xc6, 0xc9, 0xdb, 0xdd, 0xdf -> 4;
            default -> 0;
        };
    }

    private static long length(byte[] blob, int pos, int bytes) {
        if (pos + bytes > blob.length) {
            throw invalid("truncated: a length field at byte " + pos + " is cut off");
        }
        long n = 0;
        for (int i = 0; i < bytes; i++) {
            n = (n << 8) | (blob[pos + i] & 0xff);
        }
        return n;
    }

    private static CodecException invalid(String problem) {
        return new CodecException("not a valid MessagePack blob: " + problem, null);
    }
}
