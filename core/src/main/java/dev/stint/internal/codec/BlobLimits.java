package dev.stint.internal.codec;

import dev.stint.JobDataTooLargeException.Kind;

/**
 * The largest blobs a library writes, by kind (see {@code Library.Builder#maxStateBytes} and its siblings).
 * Reading is bounded too: a stored blob larger than anything the library would write is refused before it
 * is parsed.
 *
 * @param maxStateBytes a job object (dispatch arguments, checkpoint, paused state), a step result, the
 *     intermediate results
 * @param maxOutputBytes a job's output
 * @param maxProgressDataBytes the data map of one progress report
 */
public record BlobLimits(long maxStateBytes, long maxOutputBytes, long maxProgressDataBytes) {
    /** 16 MiB of state, 16 MiB of output, 64 KiB of progress data. */
    public static final BlobLimits DEFAULTS = new BlobLimits(16L << 20, 16L << 20, 64L << 10);

    /** Validates that every limit is positive. */
    public BlobLimits {
        if (maxStateBytes < 1 || maxOutputBytes < 1 || maxProgressDataBytes < 1) {
            throw new IllegalArgumentException("blob limits must be >= 1: " + maxStateBytes + ", " + maxOutputBytes
                    + ", " + maxProgressDataBytes);
        }
    }

    /** The limit for data of this kind. */
    public long of(Kind kind) {
        return switch (kind) {
            case STATE, STEP_RESULT, RESULTS -> maxStateBytes;
            case OUTPUT -> maxOutputBytes;
            case PROGRESS_DATA -> maxProgressDataBytes;
        };
    }

    /** The largest stored blob that is read at all: the largest the library would write. */
    public long maxReadBytes() {
        return Math.max(maxStateBytes, maxOutputBytes);
    }
}
