package dev.stint.sample.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Makes untrusted text safe to print on a terminal. Job names, error messages, outputs and progress messages
 * come from a library folder (which anyone who can write the file controls) or from a job's code; printed raw,
 * an escape sequence among them could move the cursor, rewrite earlier lines, retitle the window or hide
 * text. Every human-readable line the console prints goes through {@link #safe}. JSON escapes the C0 controls
 * itself; {@link #jsonEscapes()} has it escape the others below too, so that {@code list --json} printed on a
 * terminal is as safe, and its text the same once parsed.
 *
 * <p>Escaped, as a visible {@code \}{@code uXXXX}: the C0 controls (ESC, BEL, backspace, carriage return, line
 * feed, tab, ...), DEL, the C1 controls ({@code U+0080..U+009F}), the line and paragraph separators, and the
 * invisible formatting characters (Unicode category Cf), which include the bidi overrides and isolates such as
 * {@code U+202E} and the zero-width characters. A backslash is left as it is, so text that already holds
 * {@code \}{@code u001b} reads the same as an escaped ESC; only control characters are kept from the
 * terminal, not look-alikes.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** The text with every control or formatting character escaped; the same string if it holds none; "null" for null. */
    public static String safe(String text) {
        if (text == null) {
            return "null";
        }
        if (isPlain(text)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (isEscaped(cp)) {
                for (char c : Character.toChars(cp)) {
                    b.append(String.format("\\u%04x", (int) c));
                }
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /**
     * Like {@link #safe} for each line, keeping the line breaks ({@code \n}): for messages that may span lines. A
     * carriage return is escaped, so no line can overwrite another.
     */
    public static String safeLines(String text) {
        if (text == null) {
            return "null";
        }
        if (isPlain(text)) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append('\n');
            }
            b.append(safe(lines[i]));
        }
        return b.toString();
    }

    /** Whether the text holds no character that {@link #safe} escapes. */
    public static boolean isPlain(String text) {
        return text.codePoints().noneMatch(TerminalText::isEscaped);
    }

    /**
     * Escapes for a JSON writer: JSON's own (quote, backslash, the C0 controls), plus {@code \}{@code uXXXX}
     * for every other character that {@link #safe} escapes. Text without such characters is written exactly as
     * with the default escapes.
     */
    public static CharacterEscapes jsonEscapes() {
        return JsonEscapes.INSTANCE;
    }

    private static boolean isEscaped(int cp) {
        if (Character.isISOControl(cp)) {
            return true; // C0, DEL and C1
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static final class JsonEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        static final JsonEscapes INSTANCE = new JsonEscapes();

        private final int[] ascii;

        private JsonEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return isEscaped(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
