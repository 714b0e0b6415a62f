package dev.stint.internal.codec;

import dev.stint.ErrorRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what a job's errors store readable: each record's message and stack trace are capped, a list keeps
 * at most its latest {@value #MAX_ERRORS} records (older ones are counted in one "dropped" record first in
 * the list), and an encoded list is trimmed further, oldest first, until it fits what the library reads back
 * ({@link BlobLimits#maxReadBytes()}). So a job that reports errors without end costs bounded storage, and the
 * library can always read what it wrote.
 */
public final class ErrorBudget {
    /** The most error records a job keeps per list (non-critical errors, attempt errors). */
    public static final int MAX_ERRORS = 100;
    /** The longest message kept, in characters. */
    public static final int MAX_MESSAGE_CHARS = 8 * 1024;
    /** The longest stack trace kept, in characters. */
    public static final int MAX_STACK_TRACE_CHARS = 32 * 1024;
    /** The longest type kept, in characters (a class name or a Stint reason). */
    public static final int MAX_TYPE_CHARS = 1024;
    /** The type of the record that counts the dropped ones. */
    public static final String DROPPED_TYPE = "dropped";

    private ErrorBudget() {
    }

    /** {@code error} with its message and stack trace capped. */
    public static ErrorRecord trim(ErrorRecord error) {
        String type = cap(error.type(), MAX_TYPE_CHARS);
        String message = cap(error.message(), MAX_MESSAGE_CHARS);
        String stack = cap(error.stackTrace(), MAX_STACK_TRACE_CHARS);
        if (type.equals(error.type()) && message.equals(error.message())
                && java.util.Objects.equals(stack, error.stackTrace())) {
            return error;
        }
        return new ErrorRecord(type, message, stack, error.at());
    }

    private static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "... (" + (text.length() - max) + " more characters dropped)";
    }

    /**
     * Adds {@code error} (capped) to {@code errors}, in place, keeping at most {@value #MAX_ERRORS} records
     * besides the one that counts the dropped ones.
     */
    public static void add(List<ErrorRecord> errors, ErrorRecord error, Instant now) {
        errors.add(trim(error));
        while (kept(errors) > MAX_ERRORS) {
            dropOldest(errors, now);
        }
    }

    /**
     * Encodes {@code errors} for storage; if the blob is over what the library reads back, drops the oldest
     * records (in place, counted) until it fits, and if the latest alone does not fit, cuts it ({@link
     * #smaller}) until it does.
     */
    public static byte[] encode(StateCodec codec, List<ErrorRecord> errors, Instant now) {
        long max = codec.limits().maxReadBytes();
        byte[] blob = codec.encode(StoredError.ofAll(errors));
        while (blob.length > max && kept(errors) > 1) {
            dropOldest(errors, now);
            blob = codec.encode(StoredError.ofAll(errors));
        }
        while (blob.length > max && kept(errors) == 1) {
            ErrorRecord cut = smaller(errors.get(errors.size() - 1), blob.length - max);
            if (cut == null) {
                break;
            }
            errors.set(errors.size() - 1, cut);
            blob = codec.encode(StoredError.ofAll(errors));
        }
        if (blob.length > max) {
            errors.clear(); // not even the count fits a library this small
            blob = codec.encode(StoredError.ofAll(errors));
        }
        return blob;
    }

    /**
     * Encodes one error (a job's failure) for storage, capped as {@link #trim} caps it; in a library whose
     * limits are smaller than that, its stack trace and then its message are cut further until the blob fits
     * what the library reads back.
     */
    public static byte[] encodeOne(StateCodec codec, ErrorRecord error) {
        long max = codec.limits().maxReadBytes();
        ErrorRecord e = trim(error);
        byte[] blob = codec.encode(StoredError.of(e));
        while (blob.length > max) {
            e = smaller(e, blob.length - max);
            if (e == null) {
                break; // a library whose limits cannot hold even a type: stored as small as it gets
            }
            blob = codec.encode(StoredError.of(e));
        }
        return blob;
    }

    /**
     * A smaller copy of {@code e}, {@code over} bytes too large: without its stack trace first, then with its
     * message cut by at least what is over and at least by half, then with a shorter type; null when nothing is
     * left to cut.
     */
    static ErrorRecord smaller(ErrorRecord e, long over) {
        if (!e.stackTrace().isEmpty()) {
            return new ErrorRecord(e.type(), e.message(), "", e.at());
        }
        String m = e.message();
        if (!m.isEmpty()) {
            int keep = (int) Math.max(0, Math.min(m.length() / 2, m.length() - over));
            return new ErrorRecord(e.type(), m.substring(0, keep), "", e.at());
        }
        if (e.type().length() > 64) {
            return new ErrorRecord(e.type().substring(0, 64), "", "", e.at());
        }
        return null;
    }

    /** How many real records {@code errors} holds (the count of dropped ones aside). */
    private static int kept(List<ErrorRecord> errors) {
        return isCount(errors) ? errors.size() - 1 : errors.size();
    }

    private static boolean isCount(List<ErrorRecord> errors) {
        return !errors.isEmpty() && DROPPED_TYPE.equals(errors.get(0).type());
    }

    /** Removes the oldest real record and adds one to the count of dropped records. */
    private static void dropOldest(List<ErrorRecord> errors, Instant now) {
        long dropped = 0;
        if (isCount(errors)) {
            dropped = droppedCount(errors.get(0));
            errors.remove(0);
        }
        errors.remove(0);
        dropped++;
        errors.add(0, new ErrorRecord(DROPPED_TYPE, dropped + " earlier error(s) dropped: a job keeps its latest "
                + MAX_ERRORS + " and no more than the library reads back", "", now));
    }

    /** The count a "dropped" record holds (its message starts with it). */
    static long droppedCount(ErrorRecord count) {
        String message = count.message();
        int end = 0;
        while (end < message.length() && Character.isDigit(message.charAt(end))) {
            end++;
        }
        try {
            return end == 0 ? 0 : Long.parseLong(message.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A stored list, to go on adding to: decoded, or, when it cannot be read back (stored by this library under
     * higher limits than it now has, or damaged), one "dropped" record saying so in place of the lost records,
     * so the list written next is readable and says what happened.
     */
    public static List<ErrorRecord> readForUpdate(StateCodec codec, byte[] blob, Instant now) {
        if (blob == null) {
            return new ArrayList<>();
        }
        try {
            return bounded(StoredError.toRecords(codec.decode(blob, StoredError[].class)), now);
        } catch (CodecException e) {
            List<ErrorRecord> note = new ArrayList<>();
            note.add(new ErrorRecord(DROPPED_TYPE, "earlier errors dropped: their stored list (" + blob.length
                    + " bytes) cannot be read back by this library (" + e.getMessage() + ")", "", now));
            return note;
        }
    }

    /** A copy of {@code errors} bounded as {@link #add} bounds a list (for lists built elsewhere). */
    public static List<ErrorRecord> bounded(List<ErrorRecord> errors, Instant now) {
        List<ErrorRecord> out = new ArrayList<>(errors.size());
        for (ErrorRecord e : errors) {
            add(out, e, now);
        }
        return out;
    }
}
