package dev.stint.sample.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the console's option values. Each value is checked here: a bad one is a {@link UsageException} whose
 * message names the option and says what it accepts, never an exception from the library or the JDK.
 *
 * <p>Durations are {@code 250ms}, {@code 3s}, {@code 5m}, {@code 2h}, {@code 1d}, ISO-8601 ({@code PT5M}) or {@code 0},
 * at most {@link #MAX_DURATION}: the library adds them in milliseconds to clock readings, and a longer value is
 * certainly a mistake.
 */
final class OptionValues {
    /** The longest duration an option takes: 36500 days (100 years). */
    static final Duration MAX_DURATION = Duration.ofDays(36_500);

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private OptionValues() {
    }

    /**
     * A duration from {@code min} to {@link #MAX_DURATION}.
     *
     * @throws UsageException if the text is no duration or out of range
     */
    static Duration duration(String option, String text, Duration min) {
        Duration d = parseDuration(text);
        if (d == null || d.compareTo(min) < 0 || d.compareTo(MAX_DURATION) > 0) {
            throw new UsageException("--" + option + " needs a duration from " + shortForm(min) + " to "
                    + shortForm(MAX_DURATION) + ", such as 3s, 5m, 250ms or PT1H, not '" + text + "'");
        }
        return d;
    }

    /** The duration, or null if the text is none or overflows. */
    private static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        try {
            Matcher m = SHORT.matcher(t);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            return null;
        }
    }

    private static String shortForm(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        return d.toDays() + "d";
    }

    /**
     * A whole number from {@code min} to {@link Integer#MAX_VALUE}.
     *
     * @throws UsageException if the text is no whole number or out of range
     */
    static int wholeNumber(String option, String text, int min) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // not a number, or out of int's range: reported below
        }
        throw new UsageException("--" + option + " needs a whole number from " + min + " to " + Integer.MAX_VALUE
                + ", not '" + text + "'");
    }

    /**
     * A name (of a queue, a unique key): not blank, and without control or formatting characters.
     *
     * @throws UsageException otherwise
     */
    static String name(String option, String text) {
        if (text.isBlank()) {
            throw new UsageException("--" + option + " needs a name, not '" + text + "'");
        }
        if (!TerminalText.isPlain(text)) {
            throw new UsageException("--" + option + " needs a name without control characters, not '" + text + "'");
        }
        return text;
    }

    /**
     * A folder path (the folder need not exist).
     *
     * @throws UsageException if the text is blank or no path on this system
     */
    static Path folder(String option, String text) {
        if (!text.isBlank()) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                // reported below
            }
        }
        throw new UsageException("--" + option + " needs a folder, not '" + text + "'");
    }
}
