package dev.stint.internal.store;

import dev.stint.JobStatus;
import dev.stint.StopReason;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statuses and stop reasons in the store's SQL: a statement names them as {@code {RUNNING}} or
 * {@code {RETRY}} (the enum constant), and {@link #sql} puts in the text {@code jobs.db} stores for it
 * ({@link JobStatus#wireName()}, {@link StopReason#wireName()}), so the stored text is spelled in one place,
 * the enums. Statements are resolved once, into constants.
 */
final class StoredText {
    private static final Pattern NAME = Pattern.compile("\\{([A-Z_]+)}");

    private StoredText() {
    }

    /** {@code template} with every {@code {NAME}} replaced by the quoted stored text of that status or reason. */
    static String sql(String template) {
        Matcher m = NAME.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("'" + wireName(m.group(1)) + "'"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String wireName(String constant) {
        for (JobStatus status : JobStatus.values()) {
            if (status.name().equals(constant)) {
                return status.wireName();
            }
        }
        for (StopReason reason : StopReason.values()) {
            if (reason.name().equals(constant)) {
                return reason.wireName();
            }
        }
        throw new IllegalArgumentException("no status or stop reason named " + constant);
    }
}
