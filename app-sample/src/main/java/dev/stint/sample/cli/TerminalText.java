package dev.stint.sample.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Makes untrusted text safe to print on a terminal. Job names, error messages, outputs and progress messages
 * come from a library folder (which anyone who can write the file controls) or from a job's code; printed raw,
 * an escape sequence among them could move the cursor, rewrite earlier lines, retitle the window or hide
 * text. Every human-readable line the console prints goes through {@link #safe}, and the process's standard
 * error through {@link #safeStream} (for the library's log lines). JSON escapes the C0 controls
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
     * Like {@link #safe} for each line, keeping the line breaks ({@code \n} and {@code \r\n}): for messages that
     * may span lines. Any other carriage return is escaped, so no line can overwrite another.
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
            String line = lines[i];
            boolean crlf = i < lines.length - 1 && line.endsWith("\r");
            b.append(safe(crlf ? line.substring(0, line.length() - 1) : line));
            if (i < lines.length - 1) {
                b.append(crlf ? "\r\n" : "\n");
            }
        }
        return b.toString();
    }

    /**
     * A stream that passes each line written to it through {@link #safeLines} before {@code target}: the
     * console's standard error, where the library's log lines (which name jobs and quote their errors) go.
     */
    public static PrintStream safeStream(PrintStream target) {
        Charset charset = target.charset();
        OutputStream lines = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                line.write(b);
                if (b == '\n') {
                    emit();
                }
            }

            @Override
            public synchronized void flush() {
                emit();
                target.flush();
            }

            @Override
            public void close() {
                flush();
            }

            private void emit() {
                if (line.size() > 0) {
                    String text = line.toString(charset);
                    line.reset();
                    target.print(safeLines(text));
                }
            }
        };
        return new PrintStream(lines, true, charset);
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
