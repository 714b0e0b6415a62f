package dev.stint;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text form of conditions: one parser, kept beside the type it reads. */
final class ConditionText {
    /** Built-in words that cannot name an app-defined condition. */
    static final Set<String> RESERVED = Set.of("ac-power", "battery", "network", "unmetered", "disk", "idle");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9\\-_.:]{1,64}");
    private static final Pattern BYTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?B|B)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*([smhd])", Pattern.CASE_INSENSITIVE);

    private ConditionText() {
    }

    static Condition parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("condition text is null");
        }
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("condition text is empty");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("ac-power")) {
            return Condition.onAcPower();
        }
        if (lower.equals("network")) {
            return Condition.networkAvailable();
        }
        if (lower.equals("unmetered")) {
            return Condition.unmeteredNetwork();
        }
        int op = t.indexOf(">=");
        if (op >= 0) {
            String word = lower.substring(0, op).strip();
            String value = t.substring(op + 2).strip();
            return switch (word) {
                case "battery" -> Condition.batteryAbove(percent(value, t));
                case "disk" -> disk(value, t);
                case "idle" -> Condition.userIdleFor(duration(value, t));
                default -> throw new IllegalArgumentException("unknown condition '" + t
                        + "': expected ac-power, battery>=N, network, unmetered, disk>=BYTES[@PATH], idle>=DURATION or a name");
            };
        }
        return Condition.named(t);
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("condition name must be 1 to 64 letters, digits or - _ . : but was '"
                    + name + "'");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + name + "' is a built-in condition word and cannot be a name");
        }
    }

    private static int percent(String value, String text) {
        String v = value.endsWith("%") ? value.substring(0, value.length() - 1).strip() : value;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("battery percent must be a whole number in '" + text + "'");
        }
    }

    private static Condition disk(String value, String text) {
        int at = value.indexOf('@');
        String amount = at < 0 ? value : value.substring(0, at).strip();
        Path path = null;
        if (at >= 0) {
            String p = value.substring(at + 1);
            if (p.isBlank()) {
                throw new IllegalArgumentException("disk path is empty in '" + text + "'");
            }
            try {
                path = Path.of(p);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("disk path is not a path in '" + text + "': " + e.getMessage());
            }
        }
        return Condition.diskSpaceAbove(bytes(amount, text), path);
    }

    /** Plain bytes or a number (decimals allowed) with a unit: KB/MB/GB/TB (powers of 1000), KiB/MiB/GiB/TiB (powers of 1024). */
    static long bytes(String amount, String text) {
        Matcher m = BYTES.matcher(amount);
        if (!m.matches()) {
            throw new IllegalArgumentException("disk amount must be bytes or a number with KB, MB, GB, TB, KiB, MiB,"
                    + " GiB or TiB in '" + text + "'");
        }
        BigDecimal unit = BigDecimal.ONE;
        if (m.group(2) != null) {
            String u = m.group(2).toUpperCase(Locale.ROOT);
            if (!u.equals("B")) {
                int power = "KMGT".indexOf(u.charAt(0)) + 1;
                unit = BigDecimal.valueOf(u.length() == 3 ? 1024 : 1000).pow(power);
            }
        }
        try {
            return new BigDecimal(m.group(1)).multiply(unit).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("disk amount must be a whole number of bytes that fits a long in '"
                    + text + "'");
        }
    }

    /** ISO-8601 ({@code PT5M}) or a number with s, m, h or d. */
    static Duration duration(String value, String text) {
        Matcher m = SHORT_DURATION.matcher(value);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (Character.toLowerCase(m.group(2).charAt(0))) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (java.time.format.DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("idle duration must be ISO-8601 (PT5M) or a number with s, m, h or d"
                    + " in '" + text + "'");
        }
    }

}
