package dev.stint.internal.log;

/**
 * Makes a log line safe for a terminal or a log file: a job's text, and the job ids and names that come from
 * {@code jobs.db} (untrusted: anyone who can write the file controls them), could otherwise carry escape
 * sequences that move the cursor, rewrite earlier lines or retitle a terminal. Line feeds and tabs are kept
 * ({@code \r\n} becomes {@code \n}); every other control character (C0, DEL, C1), the line and paragraph
 * separators and the invisible formatting characters (bidi overrides, zero-width characters) are written as a
 * visible {@code \}{@code uXXXX}. The console escapes its own output the same way ({@code TerminalText}).
 */
public final class LogText {
    private LogText() {
    }

    /** The text with every character described above escaped; the same string if it holds none; "null" for null. */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !escaped(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue; // the \n that follows is kept
            }
            if (escaped(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean escaped(char c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
