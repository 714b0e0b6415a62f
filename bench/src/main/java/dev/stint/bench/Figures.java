package dev.stint.bench;

import java.util.Locale;

/** How both benchmark tables print a measured figure: thousands grouped, more decimals the smaller it is. */
public final class Figures {
    private Figures() {
    }

    /** {@code 12,345}, {@code 123}, {@code 12.3}, {@code 1.23}, {@code 0.012}. */
    public static String format(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
