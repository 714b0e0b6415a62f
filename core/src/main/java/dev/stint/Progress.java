package dev.stint;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A job's progress at one instant. Reported through {@link JobContext#reportProgress(Progress)} and
 * delivered to listeners as {@link JobEvent.ProgressUpdated}.
 */
public sealed interface Progress {

    /** The fraction done from 0.0 to 1.0, when it can be known. */
    OptionalDouble fraction();

    /** A short human-readable description, for a status line. */
    String describe();

    /** {@code done} of {@code total} items. */
    record Count(long done, long total) implements Progress {
        @Override
        public OptionalDouble fraction() {
            return total > 0 ? OptionalDouble.of(Math.min(1.0, (double) done / total)) : OptionalDouble.empty();
        }

        @Override
        public String describe() {
            return done + "/" + total;
        }
    }

    /** A fraction done, clamped to 0.0..1.0. */
    record Percent(double value) implements Progress {
        /** Clamps the value into 0.0..1.0 (NaN becomes 0). */
        public Percent {
            value = Double.isNaN(value) ? 0.0 : Math.max(0.0, Math.min(1.0, value));
        }

        @Override
        public OptionalDouble fraction() {
            return OptionalDouble.of(value);
        }

        @Override
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%.1f%%", value * 100);
        }
    }

    /** {@code done} of {@code total} bytes; {@code total} is -1 when unknown. */
    record Bytes(long done, long total) implements Progress {
        @Override
        public OptionalDouble fraction() {
            return total > 0 ? OptionalDouble.of(Math.min(1.0, (double) done / total)) : OptionalDouble.empty();
        }

        @Override
        public String describe() {
            return total >= 0 ? done + "/" + total + " bytes" : done + " bytes";
        }
    }

    /** Activity of unknown extent, with a message. */
    record Indeterminate(String message) implements Progress {
        /** Replaces a null message with an empty one. */
        public Indeterminate {
            message = message == null ? "" : message;
        }

        @Override
        public OptionalDouble fraction() {
            return OptionalDouble.empty();
        }

        @Override
        public String describe() {
            return message;
        }
    }

    /**
     * A named phase with structured data. If the data holds numeric {@code done} and {@code total}
     * entries, {@link #fraction()} uses them.
     */
    record Phase(String name, Map<String, Object> data) implements Progress {
        /** Copies the data; a null map becomes empty. */
        public Phase {
            Objects.requireNonNull(name, "name");
            data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        }

        @Override
        public OptionalDouble fraction() {
            if (data.get("done") instanceof Number d && data.get("total") instanceof Number t && t.doubleValue() > 0) {
                return OptionalDouble.of(Math.min(1.0, d.doubleValue() / t.doubleValue()));
            }
            return OptionalDouble.empty();
        }

        @Override
        public String describe() {
            return data.isEmpty() ? name : name + " " + data;
        }
    }
}
