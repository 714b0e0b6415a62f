package dev.stint;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A device condition a job may require before it starts and while it runs: AC power, battery level, a
 * network, an unmetered network, free disk space, an idle user, or a condition named and set by the app.
 * Immutable; equal conditions have equal {@linkplain #text() text}.
 *
 * <pre>{@code
 * Condition.onAcPower()                                   // ac-power
 * Condition.batteryAbove(30)                              // battery>=30
 * Condition.networkAvailable()                            // network
 * Condition.unmeteredNetwork()                            // unmetered
 * Condition.diskSpaceAbove(10L << 30, Path.of("/data"))   // disk>=10737418240@/data
 * Condition.userIdleFor(Duration.ofMinutes(5))            // idle>=PT5M
 * Condition.named("vpn")                                  // vpn
 * }</pre>
 *
 * <p><b>Text form.</b> Every condition has one stable text, used by the console's {@code --require} and by
 * storage; {@link #parse} reads it back to an equal condition ({@code parse(c.text()).equals(c)}). The
 * parser is lenient where a person types: {@code disk>=10GB}, {@code disk>=500MB}, {@code disk>=1GiB}
 * (KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB/TiB powers of 1024), {@code idle>=5m}, {@code idle>=30s},
 * {@code idle>=1h} and ISO-8601 durations ({@code idle>=PT5M}). The printed form is canonical: plain bytes,
 * ISO-8601 durations.
 *
 * <p><b>Named conditions.</b> A name is 1 to 64 ASCII letters, digits and {@code - _ . :}; the built-in words
 * ({@code ac-power}, {@code battery}, {@code network}, {@code unmetered}, {@code disk}, {@code idle}) are
 * reserved and cannot be names. The app says whether a named condition holds; until it does, it does not.
 */
public sealed interface Condition {

    /**
     * The canonical text form ({@code ac-power}, {@code battery>=N}, {@code network}, {@code unmetered},
     * {@code disk>=BYTES[@PATH]}, {@code idle>=DURATION} or a name); {@link #parse} reads it back.
     */
    String text();

    /** The machine runs on mains power (not on battery). */
    static Condition onAcPower() {
        return new AcPower();
    }

    /**
     * The battery is charged to at least {@code percent} (a machine on AC power with no battery counts as
     * full).
     *
     * @param percent 0 to 100
     * @throws IllegalArgumentException if {@code percent} is outside 0..100
     */
    static Condition batteryAbove(int percent) {
        return new BatteryAbove(percent);
    }

    /** Some network connection is up (not only loopback). */
    static Condition networkAvailable() {
        return new Network();
    }

    /** A network connection is up and it is not metered (not a mobile or tethered connection). */
    static Condition unmeteredNetwork() {
        return new Unmetered();
    }

    /**
     * The file store holding {@code path} has at least {@code bytes} usable bytes.
     *
     * @param bytes at least 0
     * @param path a file or folder on the store to measure; made absolute and normalised. Null: the
     *     library's own folder (the store holding {@code jobs.db})
     * @throws IllegalArgumentException if {@code bytes} is negative or the path's text cannot be written in
     *     the text form (it starts or ends with a blank, or holds a control character)
     */
    static Condition diskSpaceAbove(long bytes, Path path) {
        return new DiskSpaceAbove(bytes, path);
    }

    /**
     * The user has not touched the app for at least {@code duration}. The app reports input (the {@code fx}
     * module feeds it from a scene's input events); an app that never reports any is idle from the moment
     * the library started watching.
     *
     * @param duration at least one second, whole seconds
     * @throws IllegalArgumentException if {@code duration} is null, shorter than a second or not whole seconds
     */
    static Condition userIdleFor(Duration duration) {
        return new UserIdleFor(duration);
    }

    /**
     * A condition the app names and sets ({@code library.setCondition(name, true)}); it does not hold until
     * the app says it does.
     *
     * @throws IllegalArgumentException if the name is empty, longer than 64 characters, has characters other
     *     than letters, digits and {@code - _ . :}, or is a reserved word
     */
    static Condition named(String name) {
        return new Named(name);
    }

    /**
     * Reads a condition from its text form (see the class comment). Surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException if the text is not a condition; the message says what was expected
     */
    static Condition parse(String text) {
        return ConditionText.parse(text);
    }

    /** Runs on AC power. Text {@code ac-power}. */
    record AcPower() implements Condition {
        @Override
        public String text() {
            return "ac-power";
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** Battery at or above a percentage. Text {@code battery>=N}. */
    record BatteryAbove(int percent) implements Condition {
        /** @throws IllegalArgumentException if {@code percent} is outside 0..100 */
        public BatteryAbove {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("battery percent must be 0..100, was " + percent);
            }
        }

        @Override
        public String text() {
            return "battery>=" + percent;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** A network is up. Text {@code network}. */
    record Network() implements Condition {
        @Override
        public String text() {
            return "network";
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** An unmetered network is up. Text {@code unmetered}. */
    record Unmetered() implements Condition {
        @Override
        public String text() {
            return "unmetered";
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * Usable space on a file store. Text {@code disk>=BYTES} or {@code disk>=BYTES@PATH}.
     *
     * @param bytes the minimum usable bytes
     * @param path the absolute, normalised path whose store is measured, or null for the library's folder
     */
    record DiskSpaceAbove(long bytes, Path path) implements Condition {
        /**
         * Makes the path absolute and normalised.
         *
         * @throws IllegalArgumentException if {@code bytes} is negative, or the path's text starts or ends
         *     with a blank or holds a control character (the text form could not carry it)
         */
        public DiskSpaceAbove {
            if (bytes < 0) {
                throw new IllegalArgumentException("disk bytes must be >= 0, was " + bytes);
            }
            if (path != null) {
                path = path.toAbsolutePath().normalize();
                String p = path.toString();
                if (!p.equals(p.strip()) || p.chars().anyMatch(Character::isISOControl)) {
                    throw new IllegalArgumentException("disk path must not start or end with a blank or hold a"
                            + " control character: '" + p + "'");
                }
            }
        }

        @Override
        public String text() {
            return "disk>=" + bytes + (path == null ? "" : "@" + path);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * The user idle for at least a duration. Text {@code idle>=PT5M} (ISO-8601).
     *
     * @param duration whole seconds, at least one
     */
    record UserIdleFor(Duration duration) implements Condition {
        /** @throws IllegalArgumentException if the duration is null, under a second or not whole seconds */
        public UserIdleFor {
            if (duration == null || duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.getNano() != 0) {
                throw new IllegalArgumentException("idle duration must be whole seconds and >= 1 s, was " + duration);
            }
        }

        @Override
        public String text() {
            return "idle>=" + duration;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * A condition the app sets by name. Text: the name itself.
     *
     * @param name letters, digits and {@code - _ . :}, 1 to 64 characters, not a reserved word
     */
    record Named(String name) implements Condition {
        /** @throws IllegalArgumentException if the name is not valid (see {@link Condition#named}) */
        public Named {
            ConditionText.checkName(name);
        }

        @Override
        public String text() {
            return name;
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
